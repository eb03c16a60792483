// What becomes of a downloaded recording before its call is stored: decoded (WAV, or MP3 through
// WASM) into its waveform peaks, hashed, and written to the recordings directory atomically. It
// runs in a worker thread (peaks-worker.ts), so that none of it — seconds of CPU in a big sync,
// and the recording's megabytes — touches the main thread's event loop or heap.
import { createHash } from 'node:crypto'
import { decodeAudio } from './decode-audio'
import { writeAtomically } from './download'
import { computePeaks, type Peaks } from './peaks'

export interface RecordingDigest extends Peaks {
  sha256: string
}

/** The bytes did not decode: the recording is not audio (as opposed to the disk failing). */
export class NotAudioError extends Error {
  override name = 'NotAudioError'
}

/** Decoded before it is written: a body that is not audio never lands in the recordings directory. */
export async function digestRecording(bytes: Uint8Array, destination: string): Promise<RecordingDigest> {
  let peaks: Peaks
  try {
    peaks = computePeaks(await decodeAudio(bytes))
  } catch (error) {
    throw new NotAudioError(error instanceof Error ? error.message : String(error))
  }
  const sha256 = createHash('sha256').update(bytes).digest('hex')
  await writeAtomically(destination, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength))
  return { ...peaks, sha256 }
}
