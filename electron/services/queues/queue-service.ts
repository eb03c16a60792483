// Review queues over one profile's cache: preview the strata of a plan, create a queue from the
// same draw, and a queue's calls as export rows (the calls export's, after position and stratum).
import { AppFailure, type QueuePlan, type QueuePreview, type QueueSummary } from '../../shared/contract'
import type { CallCache } from '../cache'
import { exportedCall, type ExportedCall } from '../export/export-rows'
import { CALL_COLUMNS, type TableColumn } from '../export/export-table'
import { sampleQueue, type SampledQueue } from './sample-queue'

function draw(cache: CallCache, plan: QueuePlan): SampledQueue {
  return sampleQueue(cache.queues.candidates(plan.taskId, plan.dimensions), plan)
}

export function previewQueue(cache: CallCache, plan: QueuePlan): QueuePreview {
  const { strata, calls, available } = draw(cache, plan)
  return { strata, available, size: calls.length }
}

export function createQueue(cache: CallCache, name: string, plan: QueuePlan): QueueSummary {
  const { strata, calls } = draw(cache, plan)
  if (calls.length === 0) throw new AppFailure('invalid_input', 'The task has no unreviewed calls to put in a queue')
  return cache.queues.create({ name, plan, strata, calls })
}

/** A queue's call as exported: its place in the queue and its stratum, then the calls export's row. */
export interface ExportedQueueCall extends ExportedCall {
  queuePosition: number
  stratum: (string | null)[]
}

export const QUEUE_COLUMNS: TableColumn<ExportedQueueCall>[] = [
  { key: 'queuePosition', value: (c) => c.queuePosition },
  { key: 'stratum', value: (c) => c.stratum.map((v) => v ?? '—').join(' × ') },
  ...(CALL_COLUMNS as TableColumn<ExportedQueueCall>[]),
]

export function queueOf(cache: CallCache, queueId: number): QueueSummary {
  const queue = cache.queues.get(queueId)
  if (!queue) throw new AppFailure('not_found', `Review queue ${queueId} does not exist`)
  return queue
}

/** The queue's calls in queue order, read one at a time (a call no longer cached is left out). */
export function* exportQueueCalls(cache: CallCache, queueId: number): Generator<ExportedQueueCall> {
  queueOf(cache, queueId)
  for (const [position, { callInstanceId, stratum }] of cache.queues.calls(queueId).entries()) {
    const cached = cache.getCall(callInstanceId)
    if (cached) yield { queuePosition: position + 1, stratum: stratum?.values ?? [], ...exportedCall(cached) }
  }
}
