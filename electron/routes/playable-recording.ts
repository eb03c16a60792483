// A cached recording as the player takes it, shared by calls.open and media.recording: the URL the
// transport serves and the sync-time peaks, at the resolution asked for, as base64 of their
// Float32 bytes (see the contract).
import type { CachedCall, PeakResolution, PlayableRecording, RecordingKind } from '../shared/contract'
import type { CallCache } from '../services/cache'
import { peakLevel } from '../services/media/peak-levels'
import { PEAKS_PER_SECOND } from '../services/media/peaks'

/** Base64 of the peaks' own bytes (little-endian on every platform Electron runs on). */
export function peaksToBase64(peaks: Float32Array | null): string {
  return peaks ? Buffer.from(peaks.buffer, peaks.byteOffset, peaks.byteLength).toString('base64') : ''
}

/** The recording is listed for the call and its file is where the cache says (inside the data dir). */
export function isPlayable(cache: CallCache, call: CachedCall, kind: RecordingKind): boolean {
  return call.recordings.some((r) => r.kind === kind) && cache.recordingPath(call.call.callInstanceId, kind) !== null
}

export function playableRecording(
  cache: CallCache,
  mediaUrl: (callInstanceId: number, kind: RecordingKind) => string,
  call: CachedCall,
  kind: RecordingKind,
  resolution?: PeakResolution,
): PlayableRecording | null {
  const id = call.call.callInstanceId
  const recording = call.recordings.find((candidate) => candidate.kind === kind)
  if (!recording || !isPlayable(cache, call, kind)) return null
  const stored = cache.recordingPeaks(id, kind)
  const level = stored ? peakLevel(stored, resolution) : null
  return {
    kind,
    url: mediaUrl(id, kind),
    durationMs: recording.durationMs ?? 0,
    peaksBase64: peaksToBase64(level?.peaks ?? null),
    peaksPerSecond: level?.perSecond ?? PEAKS_PER_SECOND,
  }
}
