import { AppFailure } from '../shared/contract'
import type { Routes } from './route-table'

export const callsRoutes: Routes<'calls'> = {
  'calls.query': ({ filter, sort, page }, { workspace }) => workspace.current().cache.queryCalls(filter, sort, page),
  'calls.facets': ({ filter }, { workspace }) => workspace.current().cache.facets(filter),
  'calls.get': ({ callInstanceId }, { workspace }) => {
    const call = workspace.current().cache.getCall(callInstanceId)
    if (!call) throw new AppFailure('not_found', `Call ${callInstanceId} is not cached`)
    return call
  },
}
