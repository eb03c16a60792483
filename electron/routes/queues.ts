import { createQueue, previewQueue } from '../services/queues/queue-service'
import type { Routes } from './route-table'

export const queuesRoutes: Routes<'queues'> = {
  'queues.preview': (plan, { workspace }) => previewQueue(workspace.current().cache, plan),
  'queues.create': ({ name, plan }, { workspace }) => createQueue(workspace.current().cache, name, plan),
  'queues.list': (_input, { workspace }) => workspace.current().cache.queues.list(),
  'queues.remove': ({ queueId }, { workspace }) => ({ removed: workspace.current().cache.queues.remove(queueId) }),
  'queues.neighbour': ({ queueId, callInstanceId, direction }, { workspace }) =>
    workspace.current().cache.queues.neighbour(queueId, callInstanceId, direction),
}
