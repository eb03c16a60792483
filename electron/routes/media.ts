import type { Routes } from './route-table'
import { playableRecording } from './playable-recording'

export const mediaRoutes: Routes<'media'> = {
  'media.recording': ({ callInstanceId, kind, peaks }, { workspace, mediaUrl }) => {
    const { cache } = workspace.current()
    const call = cache.getCall(callInstanceId)
    return call ? playableRecording(cache, mediaUrl, call, kind, peaks) : null
  },
}
