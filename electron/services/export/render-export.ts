// One export as file bytes, for the CLI and the app alike: what (calls, not-dialed customers or
// tasks) in which format. Calls follow the whole call filter; the other two only its task.
import type { CallFilterInput, ExportFormat, ExportWhat } from '../../shared/contract'
import type { CallCache } from '../cache'
import { exportNotDialed, exportTasks, type ExportedNotDialed, type ExportedTask } from './campaign-rows'
import { exportCalls } from './export-rows'
import { EXPORT_COLUMNS, toCsvTable, toXlsxTable, type TableColumn } from './export-table'

const NOT_DIALED_COLUMNS: TableColumn<ExportedNotDialed>[] = [
  { header: 'callJobId', value: (c) => c.callJobId },
  { header: 'jobName', value: (c) => c.jobName },
  { header: 'customerName', value: (c) => c.customerName },
  { header: 'customerTelephone', value: (c) => c.customerTelephone },
  { header: 'callInstanceId', value: (c) => c.callInstanceId },
  { header: 'status', value: (c) => c.status },
  { header: 'startTime', value: (c) => c.startTime },
  { header: 'callerPhone', value: (c) => c.callerPhone },
  { header: 'corpName', value: (c) => c.corpName },
  { header: 'calledTimes', value: (c) => c.calledTimes },
]

const TASK_COLUMNS: TableColumn<ExportedTask>[] = [
  { header: 'callJobId', value: (t) => t.callJobId },
  { header: 'jobName', value: (t) => t.jobName },
  { header: 'status', value: (t) => t.status },
  { header: 'totalCount', value: (t) => t.totalCount },
  { header: 'doneCount', value: (t) => t.doneCount },
  { header: 'cachedCalls', value: (t) => t.cachedCalls },
  { header: 'reviewedCalls', value: (t) => t.reviewedCalls },
]

export interface RenderedExport {
  bytes: Buffer
  /** Rows written. */
  count: number
}

async function render<T>(rows: T[], sheet: string, columns: TableColumn<T>[], format: ExportFormat) {
  const bytes =
    format === 'xlsx'
      ? await toXlsxTable(sheet, columns, rows)
      : Buffer.from(format === 'csv' ? toCsvTable(columns, rows) : JSON.stringify(rows, null, 2), 'utf8')
  return { bytes, count: rows.length }
}

export function renderExport(
  cache: CallCache,
  what: ExportWhat,
  format: ExportFormat,
  filter: CallFilterInput = {},
): Promise<RenderedExport> {
  switch (what) {
    case 'calls':
      return render([...exportCalls(cache, filter)], 'calls', EXPORT_COLUMNS, format)
    case 'not-dialed':
      return render([...exportNotDialed(cache, filter.taskId)], 'not-dialed', NOT_DIALED_COLUMNS, format)
    case 'tasks':
      return render([...exportTasks(cache, filter.taskId)], 'tasks', TASK_COLUMNS, format)
  }
}
