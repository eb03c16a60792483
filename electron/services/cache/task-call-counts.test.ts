// The task list's per-task counts are kept by triggers (schema v7): after any mix of writes —
// new calls, re-synced list rows (upserts), details, task moves, removals — they equal a fresh count.
import Database from 'better-sqlite3'
import fc from 'fast-check'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { registerBigramFunction } from './bigrams'
import { cacheMigrations } from './cache-schema'
import { openDatabase } from './database'
import { migrate, schemaVersion } from './migrations'
import { TASK_CALL_COUNTS_FROM_CALLS } from './task-call-counts'
import { makeDetail, makeSummary, makeTask, openTempCache, tempDir } from '../../test-support/cache-fixtures'
import type { CallCache } from './call-cache'

interface Counts {
  task_id: number
  calls: number
  pending: number
}

function kept(db: Database.Database): Counts[] {
  return db.prepare<[], Counts>('SELECT task_id, calls, pending FROM task_call_counts ORDER BY task_id').all()
}

function counted(db: Database.Database): Counts[] {
  return db.prepare<[], Counts>(`${TASK_CALL_COUNTS_FROM_CALLS} ORDER BY task_id`).all()
}

function statsOf(cache: CallCache): { taskId: number; cached: number; detailed: number }[] {
  return cache
    .listTasks({ includeDeleted: true })
    .map((item) => ({ taskId: item.task.taskId, cached: item.stats.callsCached, detailed: item.stats.callsDetailed }))
    .sort((a, b) => a.taskId - b.taskId)
}

type Op =
  | { kind: 'list'; callId: number; taskId: number; duration: number }
  | { kind: 'detail'; callId: number; taskId: number }
  | { kind: 'remove'; callIds: number[] }

const callId = fc.integer({ min: 1, max: 12 })
const taskId = fc.integer({ min: 1, max: 3 })
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('list' as const), callId, taskId, duration: fc.integer({ min: 1, max: 3 }) }),
  fc.record({ kind: fc.constant('detail' as const), callId, taskId }),
  fc.record({ kind: fc.constant('remove' as const), callIds: fc.array(callId, { maxLength: 3 }) }),
)

describe('per-task call counts', () => {
  it('equal a fresh count after any mix of list upserts, details, task moves and removals', () => {
    fc.assert(
      fc.property(fc.array(op, { minLength: 1, maxLength: 40 }), (ops) => {
        const { cache, dir } = openTempCache()
        const db = new Database(join(dir, 'profile-1', 'cache.db'), { readonly: true })
        try {
          cache.upsertTasks([makeTask(1), makeTask(2), makeTask(3)])
          for (const o of ops) {
            // A list row of another task or duration is a changed call: the upsert's UPDATE path.
            if (o.kind === 'list') {
              cache.upsertCallSummaries(o.taskId, [
                makeSummary(o.callId, { taskId: o.taskId, durationSec: o.duration }),
              ])
            } else if (o.kind === 'detail') {
              cache.saveCallDetail(makeDetail(makeSummary(o.callId, { taskId: o.taskId })))
            } else {
              cache.removeCalls(o.callIds)
            }
            expect(kept(db)).toEqual(counted(db))
          }
          const fresh = counted(db)
          expect(statsOf(cache)).toEqual(
            [1, 2, 3].map((id) => {
              const row = fresh.find((r) => r.task_id === id)
              return { taskId: id, cached: row?.calls ?? 0, detailed: (row?.calls ?? 0) - (row?.pending ?? 0) }
            }),
          )
        } finally {
          db.close()
          cache.close()
        }
      }),
      { numRuns: 40 },
    )
  })

  it('are not counted twice when the same list rows are synced again', () => {
    const { cache } = openTempCache()
    cache.upsertTasks([makeTask(1)])
    const rows = [makeSummary(1), makeSummary(2)]
    cache.upsertCallSummaries(1, rows)
    cache.upsertCallSummaries(1, rows)
    // Changed rows go through ON CONFLICT DO UPDATE, which must not count the call again.
    cache.upsertCallSummaries(
      1,
      rows.map((r) => ({ ...r, durationSec: 99 })),
    )
    cache.saveCallDetail(makeDetail(rows[0]!))
    cache.saveCallDetail(makeDetail(rows[0]!))
    expect(statsOf(cache)).toEqual([{ taskId: 1, cached: 2, detailed: 1 }])
    cache.close()
  })

  it('are filled from the calls when a version-6 file is migrated, leaving the calls as they were', () => {
    const dir = tempDir()
    const path = join(dir, 'cache.db')
    const v6 = openDatabase(path, 'NORMAL')
    registerBigramFunction(v6)
    migrate(v6, cacheMigrations.slice(0, 6), path)
    const insert = v6.prepare(
      `INSERT INTO calls (call_id, task_id, duration_sec, fingerprint, listed_at, detail_fetched_at)
       VALUES (?, ?, ?, 'f', '2026-03-01T00:00:00Z', ?)`,
    )
    for (let id = 1; id <= 50; id++) insert.run(id, (id % 4) + 1, id, id % 3 === 0 ? null : '2026-03-01T00:01:00Z')
    const before = v6.prepare('SELECT * FROM calls ORDER BY call_id').all()
    migrate(v6, cacheMigrations, path)
    expect(schemaVersion(v6)).toBe(cacheMigrations.length)
    expect(v6.prepare('SELECT * FROM calls ORDER BY call_id').all()).toEqual(before)
    expect(kept(v6)).toEqual(counted(v6))
    expect(kept(v6)).toHaveLength(4)
    expect(kept(v6).reduce((sum, r) => sum + r.calls, 0)).toBe(50)
    expect(kept(v6).reduce((sum, r) => sum + r.pending, 0)).toBe(16)
    // And kept from then on.
    v6.prepare('UPDATE calls SET task_id = 9 WHERE call_id <= 10').run()
    v6.prepare('DELETE FROM calls WHERE call_id > 45').run()
    expect(kept(v6)).toEqual(counted(v6))
    v6.close()
  })
})
