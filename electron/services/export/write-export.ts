// One export, for the CLI and both app transports alike: what (calls, not-dialed customers, tasks
// or a review queue) in which format and header language, streamed to a Writable or atomically to
// a file. Calls follow the whole call filter; not-dialed and tasks only its task.
import { randomBytes } from 'node:crypto'
import { createWriteStream } from 'node:fs'
import { rename, rm, stat } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import type { Writable } from 'node:stream'
import {
  AppFailure,
  type CallFilterInput,
  type ExportFormat,
  type ExportWhat,
  type Language,
} from '../../shared/contract'
import type { CallCache } from '../cache'
import { exportNotDialed, exportTasks } from './campaign-rows'
import { exportCalls } from './export-rows'
import { CALL_COLUMNS, NOT_DIALED_COLUMNS, TASK_COLUMNS, TableLayout, type TableColumn } from './export-table'
import { writeCsv, writeJson, writeXlsx } from './export-writers'
import { QUEUE_COLUMNS, exportQueueCalls, queueOf } from '../queues/queue-service'

export interface ExportRequest {
  what: ExportWhat
  format: ExportFormat
  filter: CallFilterInput
  /** The header row's language (CSV and XLSX); JSON keys are always the stable English ones. */
  language: Language
  /** The review queue, for what: 'queue'. */
  queueId?: number
}

export const EXPORT_MIME: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  json: 'application/json; charset=utf-8',
}

/** `calllens-calls-202612042130.xlsx`: what, when (UTC, to the minute) and the format. */
export function exportFileName(what: ExportWhat, format: ExportFormat, now = new Date()): string {
  const stamp = now.toISOString().slice(0, 16).replace(/[-:T]/g, '')
  return `calllens-${what}-${stamp}.${format}`
}

function writeRows<T>(
  rows: Iterable<T>,
  sheet: string,
  layout: () => TableLayout<T>,
  { format, language }: ExportRequest,
  out: Writable,
): Promise<number> {
  if (format === 'json') return writeJson(rows, out)
  return format === 'csv' ? writeCsv(layout(), language, rows, out) : writeXlsx(sheet, layout(), language, rows, out)
}

const plain =
  <T>(columns: TableColumn<T>[]) =>
  () =>
    new TableLayout(columns)

/** Streams the export into `out` (ending it) and resolves with the rows written. */
export function writeExport(cache: CallCache, request: ExportRequest, out: Writable): Promise<number> {
  const { what, filter } = request
  switch (what) {
    case 'calls': {
      // The transcript's continuation columns are counted up front: the header is the first thing written.
      const layout = () => new TableLayout(CALL_COLUMNS, () => cache.longestTranscript(filter))
      return writeRows(exportCalls(cache, filter), 'calls', layout, request, out)
    }
    case 'not-dialed':
      return writeRows(exportNotDialed(cache, filter.taskId), 'not-dialed', plain(NOT_DIALED_COLUMNS), request, out)
    case 'tasks':
      return writeRows(exportTasks(cache, filter.taskId), 'tasks', plain(TASK_COLUMNS), request, out)
    case 'queue': {
      const queueId = queueIdOf(request)
      // Its task's longest transcript bounds the queue's (a few spare columns at most).
      const taskId = queueOf(cache, queueId).plan.taskId
      const layout = () => new TableLayout(QUEUE_COLUMNS, () => cache.longestTranscript({ taskId }))
      return writeRows(exportQueueCalls(cache, queueId), 'queue', layout, request, out)
    }
  }
}

function queueIdOf(request: ExportRequest): number {
  if (request.queueId === undefined) throw new AppFailure('invalid_input', 'A queue export needs the queue')
  return request.queueId
}

export interface ExportedFile {
  path: string
  rows: number
  bytes: number
}

/**
 * Streams `write`'s output into a temp file beside `path`, renamed onto it once complete: a
 * failure (or a kill) never leaves half a file under the chosen name, nor replaces what was there.
 */
export async function writeFileAtomically(
  path: string,
  write: (out: Writable) => Promise<number>,
): Promise<ExportedFile> {
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(4).toString('hex')}.part`)
  const file = createWriteStream(temp, { flags: 'wx' })
  const closed = new Promise<void>((resolve) => file.once('close', () => resolve()))
  // The first error is the one to report (a missing folder, a full disk); the writers only see its echo.
  let failure: Error | undefined
  file.on('error', (error) => (failure ??= error))
  try {
    const rows = await write(file)
    await closed
    const { size } = await stat(temp)
    await rename(temp, path)
    return { path, rows, bytes: size }
  } catch (error) {
    file.destroy()
    await closed
    await rm(temp, { force: true })
    if (error instanceof AppFailure) throw error
    const cause = failure ?? (error as Error)
    throw new AppFailure('export_failed', `Could not write the export to ${path}: ${cause.message}`)
  }
}

export function exportToFile(cache: CallCache, request: ExportRequest, path: string): Promise<ExportedFile> {
  return writeFileAtomically(path, (out) => writeExport(cache, request, out))
}

/** How many rows writeExport would write now (the calls count is the list's total, not a read). */
export function countExport(cache: CallCache, request: ExportRequest): number {
  const { what, filter } = request
  if (what === 'calls') return cache.queryCalls(filter, {}, { offset: 0, limit: 1 }).total
  if (what === 'queue') return cache.queues.calls(queueOf(cache, queueIdOf(request)).id).length
  let count = 0
  for (const _row of what === 'tasks' ? exportTasks(cache, filter.taskId) : exportNotDialed(cache, filter.taskId)) {
    count += 1
  }
  return count
}
