// Review queues over one profile's cache: preview the strata of a plan, create a queue from the
// same draw, export a queue's calls with the calls export's columns.
import {
  AppFailure,
  type ExportFormat,
  type QueuePlan,
  type QueuePreview,
  type QueueSummary,
} from '../../shared/contract'
import type { CallCache } from '../cache'
import { exportedCall, type ExportedCall } from '../export/export-rows'
import { EXPORT_COLUMNS, toCsvTable, toXlsxTable, type TableColumn } from '../export/export-table'
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

const QUEUE_COLUMNS: TableColumn<ExportedQueueCall>[] = [
  { header: 'queuePosition', value: (c) => c.queuePosition },
  { header: 'stratum', value: (c) => c.stratum.map((v) => v ?? '—').join(' × ') },
  ...(EXPORT_COLUMNS as TableColumn<ExportedQueueCall>[]),
]

/** The queue's calls in queue order (a call no longer cached is left out). */
export async function exportQueue(
  cache: CallCache,
  queueId: number,
  format: ExportFormat,
): Promise<{ bytes: Buffer; count: number }> {
  const queue = cache.queues.get(queueId)
  if (!queue) throw new AppFailure('not_found', `Review queue ${queueId} does not exist`)
  const rows: ExportedQueueCall[] = []
  cache.queues.calls(queueId).forEach(({ callInstanceId, stratum }, position) => {
    const cached = cache.getCall(callInstanceId)
    if (cached) rows.push({ queuePosition: position + 1, stratum: stratum?.values ?? [], ...exportedCall(cached) })
  })
  const bytes =
    format === 'xlsx'
      ? await toXlsxTable('queue', QUEUE_COLUMNS, rows)
      : Buffer.from(format === 'csv' ? toCsvTable(QUEUE_COLUMNS, rows) : JSON.stringify(rows, null, 2), 'utf8')
  return { bytes, count: rows.length }
}
