// Fills a cache file with synthetic calls fast, for the scale test and the benchmarks: calls,
// results, transcript lines (through the transcript_lines view, which interns their texts) and the
// search indexes generated inside SQLite from the call id, through
// a second connection (WAL lets it write beside an open CallCache), 10,000 calls per transaction.
// The shape follows the simulator's: intent A–F and two more tags, 0–300 s, March 2026.
import Database from 'better-sqlite3'
import { registerBigramFunction } from '../services/cache/bigrams'
import { INDEX_NEW_TEXTS, REFRESH_NAME_BIGRAMS } from '../services/cache/text-search-index'
import { assignAllTagSets } from '../services/cache/tag-sets'
import { refreshAllConversationFacts } from '../services/cache/conversation-facts'
import { SYNTHETIC_LEVELS, SYNTHETIC_PHRASES } from './cache-fixtures'

export const BULK_INTENT = '客户意向等级'
const BATCH = 10_000

export interface BulkCalls {
  from: number
  to: number
  /** SQL expression of `id` giving the call's task id. */
  taskIdSql: string
  linesPerCall: number
  /** Give each call a (never fetched) recording URL. */
  recordingUrls?: boolean
}

export function bulkInsertCalls(path: string, calls: BulkCalls): void {
  const db = new Database(path)
  db.pragma('busy_timeout = 5000')
  const recordingUrl = calls.recordingUrls ? `'https://oss.example/rec/' || id || '.mp3'` : 'NULL'
  const lineNumbers = JSON.stringify(Array.from({ length: calls.linesPerCall }, (_, i) => i))
  const batch = db.transaction((lo: number, hi: number) => {
    db.prepare(
      `WITH RECURSIVE ids(id) AS (SELECT ? UNION ALL SELECT id + 1 FROM ids WHERE id < ?),
       h(id, x) AS (SELECT id, (id * 2654435761) % 4294967291 FROM ids)
       INSERT INTO calls (call_id, task_id, customer_name, customer_telephone, status, finish_status, duration_sec,
         chat_round, start_time, end_time, caller_phone, recording_url, redial_times, fingerprint, listed_at,
         hang_up, call_type, properties, detail_fetched_at)
       SELECT id, ${calls.taskIdSql}, '客户' || id, printf('138%08d', id), 2,
         CASE WHEN x % 10 < 7 THEN 0 ELSE x % 10 END, x % 300, (x / 300) % 20,
         printf('2026-03-%02d %02d:%02d:00', 1 + (x / 7) % 28, 8 + (x / 11) % 10, id % 60), NULL, '02100000000',
         ${recordingUrl}, 0, 'bulk', '2026-03-31T00:00:00Z', 1, 1, '{}', '2026-03-31T00:00:00Z'
       FROM h`,
    ).run(lo, hi)
    db.prepare(
      `INSERT INTO call_results (call_id, ord, name, value, description)
       SELECT call_id, 0, '${BULK_INTENT}', json_extract(?, '$[' || ((call_id * 31) % 6) || ']'), NULL
         FROM calls WHERE call_id BETWEEN ? AND ?
       UNION ALL SELECT call_id, 1, '是否有房', CASE WHEN call_id % 10 < 3 THEN '是' ELSE '否' END, NULL
         FROM calls WHERE call_id BETWEEN ? AND ?
       UNION ALL SELECT call_id, 2, '渠道', json_extract('["官网","短信","转介绍"]', '$[' || (call_id % 3) || ']'), NULL
         FROM calls WHERE call_id BETWEEN ? AND ?`,
    ).run(JSON.stringify(SYNTHETIC_LEVELS), lo, hi, lo, hi, lo, hi)
    db.prepare(
      `INSERT INTO transcript_lines (call_id, ord, line_index, speaker, content, start_ms, end_ms, inferred)
       SELECT c.call_id, n.value, n.value, CASE n.value % 2 WHEN 1 THEN 'customer' ELSE 'ai' END,
         json_extract(?, '$[' || ((c.call_id * (n.value + 7) * 13) % ${SYNTHETIC_PHRASES.length}) || ']'),
         n.value * 3000, n.value * 3000 + 2500, 0
       FROM calls c, json_each(?) n WHERE c.call_id BETWEEN ? AND ?`,
    ).run(JSON.stringify(SYNTHETIC_PHRASES), lineNumbers, lo, hi)
  })
  for (let lo = calls.from; lo <= calls.to; lo += BATCH) batch(lo, Math.min(calls.to, lo + BATCH - 1))
  // The rows went in by SQL, not through CallStore: derive the tag sets and the short-term index
  // and the conversation facts the way the migrations do.
  assignAllTagSets(db)
  refreshAllConversationFacts(db)
  registerBigramFunction(db)
  db.exec(REFRESH_NAME_BIGRAMS)
  db.exec(INDEX_NEW_TEXTS)
  db.close()
}
