import { createQueue, exportQueue, previewQueue } from '../services/queues/queue-service'
import type { Routes } from './route-table'
import { EXPORT_MIME } from './exports'

export const queuesRoutes: Routes<'queues'> = {
  'queues.preview': (plan, { workspace }) => previewQueue(workspace.current().cache, plan),
  'queues.create': ({ name, plan }, { workspace }) => createQueue(workspace.current().cache, name, plan),
  'queues.list': (_input, { workspace }) => workspace.current().cache.queues.list(),
  'queues.remove': ({ queueId }, { workspace }) => ({ removed: workspace.current().cache.queues.remove(queueId) }),
  'queues.neighbour': ({ queueId, callInstanceId, direction }, { workspace }) =>
    workspace.current().cache.queues.neighbour(queueId, callInstanceId, direction),
  'queues.export': async ({ queueId, format }, { workspace }) => {
    const { bytes, count } = await exportQueue(workspace.current().cache, queueId, format)
    const stamp = new Date().toISOString().slice(0, 16).replace(/[-:T]/g, '')
    return {
      fileName: `calllens-queue-${queueId}-${stamp}.${format}`,
      mimeType: EXPORT_MIME[format],
      base64: bytes.toString('base64'),
      count,
    }
  },
}
