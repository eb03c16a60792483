// How long the longest transcript under a filter is once written as one export cell, measured in
// SQL before an export streams its first row: its header must already name every continuation column.
import type { CallFilter } from '../../shared/contract/calls'
import { filterWhere } from './call-filter-sql'
import type { Db } from './database'
import type { SearchMatches } from './search-matches'

/** JS's string length (UTF-16 units, what Excel's cell limit counts); SQLite's length() counts characters. */
export function registerUtf16Length(db: Db): void {
  db.function('utf16_length', { deterministic: true }, (text: unknown) => String(text ?? '').length)
}

/**
 * The length of export-table's transcriptText() — lines `[m:ss] speaker: content` joined by a
 * newline — of the filter's longest transcript: 8 characters of brackets, colons and spaces per
 * line plus the minutes' digits, speaker and content, and one newline between lines.
 */
export function longestTranscript(db: Db, search: SearchMatches, filter: CallFilter): number {
  const where = filterWhere(filter)
  return db
    .transaction(() => {
      search.prepare(filter.text)
      const row = db
        .prepare(
          `SELECT MAX(total) AS longest FROM (
             SELECT SUM(8 + length(l.start_ms / 60000) + utf16_length(l.speaker) + utf16_length(l.content))
                    + COUNT(*) - 1 AS total
             FROM calls c JOIN transcript_lines l ON l.call_id = c.call_id
             ${where.sql}
             GROUP BY c.call_id)`,
        )
        .get(...where.params) as { longest: number | null }
      return row.longest ?? 0
    })
    .deferred()
}
