// Flat table form of the exports (CSV and XLSX share the same columns): which columns, their
// headers in the UI's language, and how one value becomes the cells of a CSV or XLSX row.
import { AppFailure, type Language } from '../../shared/contract'
import type { ExportedNotDialed, ExportedTask } from './campaign-rows'
import { columnLabel, type ColumnKey } from './export-labels'
import type { ExportedCall } from './export-rows'

export interface TableColumn<T> {
  key: ColumnKey
  value: (row: T) => string | number | null
  /** Text that may pass Excel's cell limit: continued over "label (2)", "label (3)" ... columns. */
  long?: boolean
  /** A phone number: a text cell in XLSX (its leading zero or + kept), unprefixed in CSV. */
  phone?: boolean
}

/** Excel's limit on one cell, in UTF-16 code units (what its LEN counts and JS's length too). */
export const EXCEL_CELL_LIMIT = 32_767

export function clock(ms: number): string {
  const s = Math.floor(ms / 1000)
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`
}

/** One transcript as one cell's text; the cache's longestTranscript() measures this same format. */
export function transcriptText(transcript: ExportedCall['transcript']): string {
  return transcript.map((line) => `[${clock(line.startMs)}] ${line.speaker}: ${line.content}`).join('\n')
}

/** `[0:12–0:18] [抢话] text`: the moment or passage, the category, the text. */
function commentText(comment: NonNullable<ExportedCall['review']>['comments'][number]): string {
  const span = comment.endMs === null ? clock(comment.atMs) : `${clock(comment.atMs)}–${clock(comment.endMs)}`
  return [`[${span}]`, comment.category ? `[${comment.category}]` : '', comment.text].filter(Boolean).join(' ')
}

export const CALL_COLUMNS: TableColumn<ExportedCall>[] = [
  { key: 'callInstanceId', value: (c) => c.callInstanceId },
  { key: 'callJobId', value: (c) => c.callJobId },
  { key: 'taskName', value: (c) => c.taskName },
  { key: 'customerName', value: (c) => c.customerName },
  { key: 'customerTelephone', value: (c) => c.customerTelephone, phone: true },
  { key: 'finishStatus', value: (c) => c.finishStatus },
  { key: 'durationSec', value: (c) => c.durationSec },
  { key: 'chatRound', value: (c) => c.chatRound },
  { key: 'startTime', value: (c) => c.startTime },
  { key: 'endTime', value: (c) => c.endTime },
  { key: 'results', value: (c) => c.results.map((r) => `${r.name}=${r.value}`).join('; ') },
  { key: 'recordingCached', value: (c) => (c.recording.cached ? 'yes' : 'no') },
  { key: 'recordingBytes', value: (c) => c.recording.bytes },
  { key: 'verdict', value: (c) => c.review?.verdict ?? null },
  { key: 'score', value: (c) => c.review?.score ?? null },
  { key: 'reviewTags', value: (c) => c.review?.tags.join('; ') ?? null },
  { key: 'reviewText', value: (c) => c.review?.text ?? null },
  {
    key: 'comments',
    value: (c) => c.review?.comments.map(commentText).join('\n') ?? null,
  },
  {
    key: 'tagChecks',
    value: (c) =>
      c.review?.tagChecks
        .map((check) =>
          check.status === 'confirmed'
            ? `${check.name}: ${check.robotValue} ✓`
            : `${check.name}: ${check.robotValue} → ${check.correctedValue}`,
        )
        .join('; ') ?? null,
  },
  // Last, so its continuation columns sit beside it.
  { key: 'transcript', value: (c) => transcriptText(c.transcript), long: true },
]

export const NOT_DIALED_COLUMNS: TableColumn<ExportedNotDialed>[] = [
  { key: 'callJobId', value: (c) => c.callJobId },
  { key: 'jobName', value: (c) => c.jobName },
  { key: 'customerName', value: (c) => c.customerName },
  { key: 'customerTelephone', value: (c) => c.customerTelephone, phone: true },
  { key: 'callInstanceId', value: (c) => c.callInstanceId },
  { key: 'status', value: (c) => c.status },
  { key: 'startTime', value: (c) => c.startTime },
  { key: 'callerPhone', value: (c) => c.callerPhone, phone: true },
  { key: 'corpName', value: (c) => c.corpName },
  { key: 'calledTimes', value: (c) => c.calledTimes },
]

export const TASK_COLUMNS: TableColumn<ExportedTask>[] = [
  { key: 'callJobId', value: (t) => t.callJobId },
  { key: 'jobName', value: (t) => t.jobName },
  { key: 'status', value: (t) => t.status },
  { key: 'totalCount', value: (t) => t.totalCount },
  { key: 'doneCount', value: (t) => t.doneCount },
  { key: 'cachedCalls', value: (t) => t.cachedCalls },
  { key: 'reviewedCalls', value: (t) => t.reviewedCalls },
]

/** Pieces of at most `limit` UTF-16 units whose concatenation is the text; a pair is never cut. */
export function splitForCells(text: string, limit = EXCEL_CELL_LIMIT): string[] {
  if (text.length <= limit) return [text]
  const parts: string[] = []
  for (let start = 0; start < text.length;) {
    let end = Math.min(start + limit, text.length)
    const last = text.charCodeAt(end - 1)
    // A high surrogate last would split an emoji (or a rare CJK character) over two cells.
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end -= 1
    parts.push(text.slice(start, end))
    start = end
  }
  return parts
}

/** How many cells the longest text of a `long` column needs. */
export function cellsFor(length: number): number {
  return Math.max(1, Math.ceil(length / (EXCEL_CELL_LIMIT - 1)))
}

/**
 * The columns of one export with how many cells each `long` one spans. The count is fixed before
 * the first row (a header cannot grow once streamed): `longest` is the caller's measure of the
 * longest value, which cellsFor() turns into a count with room for an emoji at each cut.
 */
export class TableLayout<T> {
  private readonly spans: number[]

  constructor(
    readonly columns: readonly TableColumn<T>[],
    longest: (key: ColumnKey) => number = () => 0,
  ) {
    this.spans = columns.map((column) => (column.long ? cellsFor(longest(column.key)) : 1))
  }

  header(language: Language): string[] {
    return this.columns.flatMap((column, i) =>
      Array.from({ length: this.spans[i]! }, (_, part) => columnLabel(language, column.key, part + 1)),
    )
  }

  /** Indexes (0-based) of the cells holding phone numbers. */
  phoneCells(): number[] {
    const cells: number[] = []
    let at = 0
    this.columns.forEach((column, i) => {
      if (column.phone) cells.push(at)
      at += this.spans[i]!
    })
    return cells
  }

  /** One row's values, a long text split over its span (empty cells after its last piece). */
  cells(row: T): (string | number | null)[] {
    return this.columns.flatMap((column, i) => {
      const value = column.value(row)
      const span = this.spans[i]!
      if (!column.long || typeof value !== 'string') return [value]
      const parts = splitForCells(value)
      if (parts.length > span) {
        // Never cut: the measure up front was wrong, so the export fails rather than lose text.
        throw new AppFailure('internal', `A ${column.key} of ${value.length} characters needs ${parts.length} cells`)
      }
      return [...parts, ...Array<string>(span - parts.length).fill('')]
    })
  }
}

const FORMULA_START = /^[=+\-@\t\r]/
/**
 * A phone number: digits with an optional leading +, spaces and dashes between. Safe unprefixed:
 * a spreadsheet that evaluates such a cell as a formula (Excel does for a leading + or -) gets
 * at most a sum of digits. Formula injection needs what this cannot hold: a function name or cell
 * reference (letters), parentheses, quotes, `|` or `!` (DDE commands), `@`, or a tab/CR
 * that starts a new cell.
 */
const PHONE_NUMBER = /^\+?\d[\d -]*$/

/** CSV text of one cell: text a spreadsheet would run as a formula gets a leading '. */
export function csvText(value: string | number | null): string {
  if (value === null) return ''
  if (typeof value === 'number') return String(value)
  return FORMULA_START.test(value) && !PHONE_NUMBER.test(value) ? `'${value}` : value
}

export function csvField(text: string): string {
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}
