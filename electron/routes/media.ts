import type { Routes } from './route-table'

/** Three decimals are plenty for a waveform and keep the message small. */
const round = (value: number) => Math.round(value * 1000) / 1000

export const mediaRoutes: Routes<'media'> = {
  'media.recording': ({ callInstanceId, kind }, { workspace, mediaUrl }) => {
    const { cache } = workspace.current()
    const recording = cache.getCall(callInstanceId)?.recordings.find((candidate) => candidate.kind === kind)
    if (!recording || !cache.recordingPath(callInstanceId, kind)) return null
    const peaks = cache.recordingPeaks(callInstanceId, kind)
    return {
      kind,
      url: mediaUrl(callInstanceId, kind),
      durationMs: recording.durationMs ?? 0,
      peaks: peaks ? Array.from(peaks, round) : [],
    }
  },
}
