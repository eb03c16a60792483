// Taking calls out of the cache (a team profile's replica when a call is released or reclaimed):
// the call's rows go in one transaction, its recording files after; reviews live in reviews.db
// and are never touched, so a review written on a call that left stays.
import { rmSync } from 'node:fs'
import type { Db } from './database'
import { resolveInside } from './recordings'

/** Removes the calls (results, transcript, recordings and search rows with them); returns how many were cached. */
export function removeCalls(db: Db, dataDir: string, callIds: readonly number[]): number {
  if (callIds.length === 0) return 0
  const ids = JSON.stringify(callIds)
  const files = db
    .prepare<[string], { path: string }>(
      'SELECT path FROM recordings WHERE call_id IN (SELECT value FROM json_each(?))',
    )
    .all(ids)
  const removed = db.transaction(() => {
    // calls_fts follows by trigger; the contentless bigram index and the error rows do not.
    db.prepare('DELETE FROM calls_bigrams WHERE rowid IN (SELECT value FROM json_each(?))').run(ids)
    db.prepare('DELETE FROM call_errors WHERE call_id IN (SELECT value FROM json_each(?))').run(ids)
    return db.prepare('DELETE FROM calls WHERE call_id IN (SELECT value FROM json_each(?))').run(ids).changes
  })()
  // After the commit: a file left by a failure here is an orphan, never a row pointing nowhere.
  for (const { path } of files) {
    // A stored path outside the data directory resolves to null: nothing of ours to delete.
    const file = resolveInside(dataDir, path)
    if (file) rmSync(file, { force: true })
  }
  return removed
}

/** Tasks no cached call belongs to any more (a replica's tasks follow its calls); returns how many went. */
export function removeTasksWithoutCalls(db: Db): number {
  return db.transaction(() => {
    db.prepare('DELETE FROM sync_state WHERE task_id NOT IN (SELECT task_id FROM calls)').run()
    db.prepare('DELETE FROM not_dialed WHERE task_id NOT IN (SELECT task_id FROM calls)').run()
    return db.prepare('DELETE FROM tasks WHERE task_id NOT IN (SELECT task_id FROM calls)').run().changes
  })()
}

export function cachedCallIds(db: Db): number[] {
  return db
    .prepare<[], { call_id: number }>('SELECT call_id FROM calls ORDER BY call_id')
    .all()
    .map((r) => r.call_id)
}
