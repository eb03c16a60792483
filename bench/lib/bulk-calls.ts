// Fills a cache with synthetic calls fast: tasks through CallCache, calls generated inside
// SQLite from their id (as cache-scale.test.ts does), a review on every 500th call. The shape
// follows the simulator's: intent A–F and two more tags, 6 transcript lines, 0–300 s.
import Database from 'better-sqlite3'
import type { CallCache } from '../../electron/services/cache'
import { makeTask, SYNTHETIC_LEVELS, SYNTHETIC_PHRASES } from '../../electron/services/cache/test-fixtures'
import type { Task } from '../../electron/shared/contract'

export const INTENT = '客户意向等级'
export const LEVELS = SYNTHETIC_LEVELS
export const PHRASES = SYNTHETIC_PHRASES
const FIRST_TASK_ID = 5001
const LINES_PER_CALL = 6
const BATCH = 10_000
const REVIEW_EVERY = 500

function task(taskId: number, calls: number): Task {
  return makeTask(taskId, {
    companyId: 1001,
    name: `批量任务 ${taskId}`,
    totalCount: calls,
    doneCount: calls,
    calledCount: calls,
    rejectedCount: 0,
    unavailableCount: 0,
    fromUnavailableCount: 0,
  })
}

export function taskIds(tasks: number): number[] {
  return Array.from({ length: tasks }, (_, i) => FIRST_TASK_ID + i)
}

/** Calls 1..count over `tasks` tasks (contiguous id blocks), March 2026. */
export function bulkFillCalls(cache: CallCache, count: number, tasks: number): void {
  const perTask = Math.ceil(count / tasks)
  cache.upsertTasks(taskIds(tasks).map((id) => task(id, perTask)))
  // A second connection: CallCache keeps its own private; WAL lets both work on the file.
  const db = new Database(cache.path)
  db.pragma('busy_timeout = 5000')
  const batch = db.transaction((lo: number, hi: number) => {
    db.prepare(
      `WITH RECURSIVE ids(id) AS (SELECT ? UNION ALL SELECT id + 1 FROM ids WHERE id < ?),
       h(id, x) AS (SELECT id, (id * 2654435761) % 4294967291 FROM ids)
       INSERT INTO calls (call_id, task_id, customer_name, customer_telephone, status, finish_status, duration_sec,
         chat_round, start_time, end_time, caller_phone, recording_url, redial_times, fingerprint, listed_at,
         hang_up, call_type, properties, detail_fetched_at)
       SELECT id, ${FIRST_TASK_ID} + (id - 1) / ${perTask}, '客户' || id, printf('138%08d', id), 2,
         CASE WHEN x % 10 < 7 THEN 0 ELSE x % 10 END, x % 300, (x / 300) % 20,
         printf('2026-03-%02d %02d:%02d:00', 1 + (x / 7) % 28, 8 + (x / 11) % 10, id % 60), NULL, '02100000000',
         NULL, 0, 'bulk', '2026-03-31T00:00:00Z', 1, 1, '{}', '2026-03-31T00:00:00Z'
       FROM h`,
    ).run(lo, hi)
    db.prepare(
      `INSERT INTO call_results (call_id, ord, name, value, description)
       SELECT call_id, 0, '${INTENT}', json_extract(?, '$[' || ((call_id * 31) % 6) || ']'), NULL
         FROM calls WHERE call_id BETWEEN ? AND ?
       UNION ALL SELECT call_id, 1, '是否有房', CASE WHEN call_id % 10 < 3 THEN '是' ELSE '否' END, NULL
         FROM calls WHERE call_id BETWEEN ? AND ?
       UNION ALL SELECT call_id, 2, '渠道', json_extract('["官网","短信","转介绍"]', '$[' || (call_id % 3) || ']'), NULL
         FROM calls WHERE call_id BETWEEN ? AND ?`,
    ).run(JSON.stringify(LEVELS), lo, hi, lo, hi, lo, hi)
    db.prepare(
      `INSERT INTO transcript_lines (call_id, ord, line_index, speaker, content, start_ms, end_ms, inferred)
       SELECT c.call_id, n.value, n.value, CASE n.value % 2 WHEN 1 THEN 'customer' ELSE 'ai' END,
         json_extract(?, '$[' || ((c.call_id * (n.value + 7) * 13) % ${PHRASES.length}) || ']'),
         n.value * 3000, n.value * 3000 + 2500, 0
       FROM calls c, json_each(?) n WHERE c.call_id BETWEEN ? AND ?`,
    ).run(JSON.stringify(PHRASES), JSON.stringify(Array.from({ length: LINES_PER_CALL }, (_, i) => i)), lo, hi)
    db.prepare(
      `UPDATE calls_fts SET transcript =
         (SELECT group_concat(content, char(10)) FROM transcript_lines t WHERE t.call_id = calls_fts.rowid)
       WHERE rowid BETWEEN ? AND ?`,
    ).run(lo, hi)
  })
  for (let lo = 1; lo <= count; lo += BATCH) batch(lo, Math.min(count, lo + BATCH - 1))
  db.close()
  const at = new Date().toISOString()
  for (const id of taskIds(tasks)) cache.markTaskSynced(id, perTask, at)
  // Reviews go through the app (each one fsynced, as the reviewer's saves are).
  const verdicts = ['pass', 'fail', 'follow_up'] as const
  for (let id = 1; id <= count; id += REVIEW_EVERY) {
    cache.saveReview({
      callInstanceId: id,
      verdict: verdicts[id % 3]!,
      text: id % 1500 === 1 ? '语气生硬需要复核' : '',
    })
  }
}
