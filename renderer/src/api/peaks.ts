// Recordings as the player takes them: the contract's base64 peaks turned back into the Float32
// values main read from the cache, once, here at the client's edge.
import type { PlayableRecording } from '@shared/contract'

export type PlayerRecording = Omit<PlayableRecording, 'peaksBase64'> & {
  /** `peaksPerSecond` values a second, -1..1; empty when sync computed none. */
  peaks: Float32Array
}

/** Chromium ≥ 140 (Electron 39, the browser-mode Chromium) decodes natively; Node needs the loop. */
const fromBase64 = (Uint8Array as { fromBase64?: (base64: string) => Uint8Array }).fromBase64

export function peaksFromBase64(base64: string): Float32Array {
  let bytes: Uint8Array
  if (fromBase64) bytes = fromBase64(base64)
  else {
    const text = atob(base64)
    bytes = new Uint8Array(text.length)
    for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i)
  }
  // A fresh array starts at offset 0, so the Float32 view is aligned; a torn tail is dropped.
  return new Float32Array(bytes.buffer, 0, Math.floor(bytes.byteLength / 4))
}

export function toPlayerRecording(recording: PlayableRecording): PlayerRecording
export function toPlayerRecording(recording: PlayableRecording | null): PlayerRecording | null
export function toPlayerRecording(recording: PlayableRecording | null): PlayerRecording | null {
  if (!recording) return null
  const { peaksBase64, ...rest } = recording
  return { ...rest, peaks: peaksFromBase64(peaksBase64) }
}
