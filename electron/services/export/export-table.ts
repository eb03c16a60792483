// Flat table form of the exports (CSV and XLSX share the same columns).
import type { ExportedCall } from './export-rows'

export interface TableColumn<T> {
  header: string
  value: (row: T) => string | number | null
}

function clock(ms: number): string {
  const s = Math.floor(ms / 1000)
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`
}

export const EXPORT_COLUMNS: TableColumn<ExportedCall>[] = [
  { header: 'callInstanceId', value: (c) => c.callInstanceId },
  { header: 'callJobId', value: (c) => c.callJobId },
  { header: 'taskName', value: (c) => c.taskName },
  { header: 'customerName', value: (c) => c.customerName },
  { header: 'customerTelephone', value: (c) => c.customerTelephone },
  { header: 'finishStatus', value: (c) => c.finishStatus },
  { header: 'durationSec', value: (c) => c.durationSec },
  { header: 'chatRound', value: (c) => c.chatRound },
  { header: 'startTime', value: (c) => c.startTime },
  { header: 'endTime', value: (c) => c.endTime },
  { header: 'results', value: (c) => c.results.map((r) => `${r.name}=${r.value}`).join('; ') },
  { header: 'recordingCached', value: (c) => (c.recording.cached ? 'yes' : 'no') },
  { header: 'recordingBytes', value: (c) => c.recording.bytes },
  { header: 'verdict', value: (c) => c.review?.verdict ?? null },
  { header: 'score', value: (c) => c.review?.score ?? null },
  { header: 'reviewTags', value: (c) => c.review?.tags.join('; ') ?? null },
  { header: 'reviewText', value: (c) => c.review?.text ?? null },
  {
    header: 'comments',
    value: (c) => c.review?.comments.map((m) => `[${clock(m.atMs)}] ${m.text}`).join('\n') ?? null,
  },
  {
    header: 'tagChecks',
    value: (c) =>
      c.review?.tagChecks
        .map((check) =>
          check.status === 'confirmed'
            ? `${check.name}: ${check.robotValue} ✓`
            : `${check.name}: ${check.robotValue} → ${check.correctedValue}`,
        )
        .join('; ') ?? null,
  },
  {
    header: 'transcript',
    value: (c) => c.transcript.map((line) => `[${clock(line.startMs)}] ${line.speaker}: ${line.content}`).join('\n'),
  },
]

/** Cells a spreadsheet would run as formulas are prefixed with ' (CSV/formula injection). */
function neutralise(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value
}

export function tableCell(value: string | number | null): string | number {
  if (value === null) return ''
  return typeof value === 'number' ? value : neutralise(value)
}

function csvField(value: string | number): string {
  const text = String(value)
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

export function toCsvTable<T>(columns: readonly TableColumn<T>[], rows: Iterable<T>): string {
  const lines = [columns.map((column) => column.header).join(',')]
  for (const row of rows) lines.push(columns.map((column) => csvField(tableCell(column.value(row)))).join(','))
  // A BOM so spreadsheet apps read the Chinese text as UTF-8.
  return `\uFEFF${lines.join('\r\n')}\r\n`
}

/** Text stays a text cell (a phone number keeps its leading zero), numbers stay numbers. */
export async function toXlsxTable<T>(sheetName: string, columns: readonly TableColumn<T>[], rows: Iterable<T>) {
  const { default: ExcelJS } = await import('exceljs')
  const workbook = new ExcelJS.Workbook()
  const sheet = workbook.addWorksheet(sheetName)
  sheet.columns = columns.map((column) => ({ header: column.header, key: column.header, width: 18 }))
  for (const row of rows) sheet.addRow(columns.map((column) => tableCell(column.value(row))))
  sheet.getRow(1).font = { bold: true }
  return Buffer.from(await workbook.xlsx.writeBuffer())
}

export function toCsv(calls: Iterable<ExportedCall>): string {
  return toCsvTable(EXPORT_COLUMNS, calls)
}

export function toXlsx(calls: Iterable<ExportedCall>): Promise<Buffer> {
  return toXlsxTable('calls', EXPORT_COLUMNS, calls)
}
