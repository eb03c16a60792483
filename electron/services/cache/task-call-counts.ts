// Per-task call counts kept by triggers (schema v7), so the task list reads one row per task
// instead of counting every call of every task on each start-up (≈ 300 ms at 1,000,000 calls).
import type { Db } from './database'

/**
 * Adds `sign` × the call (`row` is `new` or `old`) to its task's counts. The row is made first
 * without a conflict clause: inside a trigger the outer statement's conflict policy (an
 * INSERT OR REPLACE into calls) would override one, and a replaced row would lose its counts.
 * Rows that reach zero go, so the table always equals a GROUP BY of the calls.
 */
function count(row: 'new' | 'old', sign: '+' | '-'): string {
  return `INSERT INTO task_call_counts (task_id, calls, pending)
    SELECT ${row}.task_id, 0, 0 WHERE NOT EXISTS (SELECT 1 FROM task_call_counts WHERE task_id = ${row}.task_id);
  UPDATE task_call_counts SET calls = calls ${sign} 1, pending = pending ${sign} (${row}.detail_fetched_at IS NULL)
    WHERE task_id = ${row}.task_id;
  DELETE FROM task_call_counts WHERE task_id = ${row}.task_id AND calls = 0;`
}

/** What the table must equal at every commit (the migration fills it with this; tests compare). */
export const TASK_CALL_COUNTS_FROM_CALLS = `SELECT task_id, count(*) AS calls,
  sum(detail_fetched_at IS NULL) AS pending FROM calls GROUP BY task_id`

/**
 * v7. `pending` = calls without a stored detail (the task list shows cached − pending as
 * detailed). An upsert of a call fires the UPDATE trigger (never DELETE + INSERT), and only when
 * the task or the detail state changes does it move a count.
 */
export function taskCallCounts(db: Db): void {
  db.exec(`
CREATE TABLE task_call_counts (
  task_id INTEGER PRIMARY KEY,
  calls INTEGER NOT NULL,
  pending INTEGER NOT NULL
);
INSERT INTO task_call_counts (task_id, calls, pending) ${TASK_CALL_COUNTS_FROM_CALLS};
CREATE TRIGGER task_call_counts_insert AFTER INSERT ON calls BEGIN
  ${count('new', '+')}
END;
CREATE TRIGGER task_call_counts_delete AFTER DELETE ON calls BEGIN
  ${count('old', '-')}
END;
CREATE TRIGGER task_call_counts_update AFTER UPDATE OF task_id, detail_fetched_at ON calls
WHEN old.task_id IS NOT new.task_id OR (old.detail_fetched_at IS NULL) IS NOT (new.detail_fetched_at IS NULL) BEGIN
  ${count('old', '-')}
  ${count('new', '+')}
END;
`)
}
