import { AppFailure, type CachedCall } from '../shared/contract'
import type { CallCache } from '../services/cache'
import { isPlayable, playableRecording } from './playable-recording'
import type { Routes } from './route-table'

function cachedCall(cache: CallCache, callInstanceId: number): CachedCall {
  const call = cache.getCall(callInstanceId)
  if (!call) throw new AppFailure('not_found', `Call ${callInstanceId} is not cached`)
  return call
}

export const callsRoutes: Routes<'calls'> = {
  'calls.query': ({ filter, sort, page }, { workspace }) => workspace.current().cache.queryCalls(filter, sort, page),
  'calls.facets': ({ filter }, { workspace }) => workspace.current().cache.facets(filter),
  'calls.neighbour': ({ filter, sort, callInstanceId, direction, problem }, { workspace }) =>
    workspace.current().cache.neighbour(filter, sort, callInstanceId, direction, problem === true),
  'calls.progress': ({ filter }, { workspace }) => workspace.current().cache.reviewProgress(filter),
  'calls.get': ({ callInstanceId }, { workspace }) => cachedCall(workspace.current().cache, callInstanceId),
  'calls.open': ({ callInstanceId, peaks }, { workspace, mediaUrl }) => {
    const { cache } = workspace.current()
    const call = cachedCall(cache, callInstanceId)
    return {
      ...call,
      resultDefs: cache.getTaskDetail(call.call.taskId)?.resultDefs ?? [],
      full: playableRecording(cache, mediaUrl, call, 'full', peaks),
      hasCustomerTrack: isPlayable(cache, call, 'customer'),
      pendingDraft: cache.pendingDraft(callInstanceId),
    }
  },
}
