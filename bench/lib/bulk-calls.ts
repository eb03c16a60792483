// Fills a cache with synthetic calls fast: tasks through CallCache, calls generated inside
// SQLite from their id (the cache's bulk fixture, as its scale test does), 6 transcript lines,
// a review on every 500th call.
import type { CallCache } from '../../electron/services/cache'
import { BULK_INTENT, bulkInsertCalls } from '../../electron/test-support/cache-bulk-fixture'
import { makeTask } from '../../electron/test-support/cache-fixtures'
import type { Task } from '../../electron/shared/contract'

export const INTENT = BULK_INTENT
const FIRST_TASK_ID = 5001
const LINES_PER_CALL = 6
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
  bulkInsertCalls(cache.path, {
    from: 1,
    to: count,
    // The fixture's ids are bound as REAL (a JS number): without the cast the division is not an
    // integer one, and each call would get a task of its own (5001.0002, …) instead of 20 tasks.
    taskIdSql: `${FIRST_TASK_ID} + CAST(id - 1 AS INTEGER) / ${perTask}`,
    linesPerCall: LINES_PER_CALL,
  })
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
