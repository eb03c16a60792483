// The insight report as file text: JSON (calls and tasks, as issue 15 gives the shape) or CSV of
// the per-call rows only (a task row holds lists, which a flat table cannot).
import { csvField, csvText } from '../export/export-table'
import type { CallInsight, InsightReport } from '../../shared/insight'

export const STATS_FORMATS = ['json', 'csv'] as const
export type StatsFormat = (typeof STATS_FORMATS)[number]

interface StatsColumn {
  /** The JSON key (a machine-read table: the same names in every UI language). */
  header: string
  value: (call: CallInsight) => string | number | null
}

/** The JSON keys in order, lastAiLine split in two; an empty cell is null. */
export const CALL_INSIGHT_COLUMNS: StatsColumn[] = [
  { header: 'callInstanceId', value: (c) => c.callInstanceId },
  { header: 'callJobId', value: (c) => c.callJobId },
  { header: 'aiLatencyP50Ms', value: (c) => c.aiLatencyP50Ms },
  { header: 'aiLatencyMaxMs', value: (c) => c.aiLatencyMaxMs },
  { header: 'bargeIns', value: (c) => c.bargeIns },
  { header: 'maxSilenceMs', value: (c) => c.maxSilenceMs },
  { header: 'aiUnknownLines', value: (c) => c.aiUnknownLines },
  { header: 'hungUpBy', value: (c) => c.hungUpBy },
  { header: 'lastAiLineIndex', value: (c) => c.lastAiLine?.index ?? null },
  { header: 'lastAiLineContent', value: (c) => c.lastAiLine?.content ?? null },
]

function toCsv(calls: readonly CallInsight[]): string {
  const lines = [CALL_INSIGHT_COLUMNS.map((column) => csvField(column.header)).join(',')]
  for (const call of calls)
    lines.push(CALL_INSIGHT_COLUMNS.map((column) => csvField(csvText(column.value(call)))).join(','))
  // A BOM so spreadsheet apps read the Chinese text as UTF-8.
  return `\uFEFF${lines.join('\r\n')}\r\n`
}

export function renderStats(report: InsightReport, format: StatsFormat): string {
  return format === 'csv' ? toCsv(report.calls) : `${JSON.stringify(report, null, 2)}\n`
}
