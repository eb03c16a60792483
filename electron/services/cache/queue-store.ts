// Review queues in the cache file: the candidates a queue is drawn from (a task's calls with the
// facts strata are cut by), the saved queues with their progress, N / P inside one.
import type { QueueDimension, QueuePlan, QueueStratum, QueueSummary } from '../../shared/contract/queues'
import type { QueueCandidate } from '../queues/sample-queue'
import { REVIEWED_CALL_IDS } from './call-filter-sql'
import type { Db } from './database'

interface QueueRow {
  id: number
  name: string
  task_id: number
  task_name: string | null
  plan: string
  created_at: string
  total: number
  reviewed: number
  next_call: number | null
}

export interface NewQueue {
  name: string
  plan: QueuePlan
  strata: QueueStratum[]
  calls: { callInstanceId: number; stratum: number }[]
}

const SUMMARY = `
  SELECT q.id, q.name, q.task_id, t.name AS task_name, q.plan, q.created_at,
    (SELECT count(*) FROM review_queue_calls qc WHERE qc.queue_id = q.id) AS total,
    (SELECT count(*) FROM review_queue_calls qc WHERE qc.queue_id = q.id AND qc.call_id IN (${REVIEWED_CALL_IDS})) AS reviewed,
    (SELECT qc.call_id FROM review_queue_calls qc WHERE qc.queue_id = q.id AND qc.call_id NOT IN (${REVIEWED_CALL_IDS})
     ORDER BY qc.position LIMIT 1) AS next_call
  FROM review_queues q LEFT JOIN tasks t ON t.task_id = q.task_id`

function toSummary(row: QueueRow): QueueSummary {
  return {
    id: row.id,
    name: row.name,
    taskId: row.task_id,
    taskName: row.task_name,
    plan: JSON.parse(row.plan) as QueuePlan,
    createdAt: row.created_at,
    total: row.total,
    reviewed: row.reviewed,
    nextCallInstanceId: row.next_call,
  }
}

export class QueueStore {
  constructor(
    private readonly db: Db,
    private readonly now: () => Date,
  ) {}

  /** Every call of the task with what its strata are cut by, and whether it is reviewed. */
  candidates(taskId: number, dimensions: readonly QueueDimension[]): QueueCandidate[] {
    const rows = this.db
      .prepare(
        `SELECT c.call_id, c.duration_sec, c.finish_status, c.hang_up, c.call_id IN (${REVIEWED_CALL_IDS}) AS reviewed
         FROM calls c WHERE c.task_id = ? ORDER BY c.call_id`,
      )
      .all(taskId) as {
      call_id: number
      duration_sec: number | null
      finish_status: number | null
      hang_up: number | null
      reviewed: number
    }[]
    const names = dimensions.flatMap((d) => (d.kind === 'result' ? [d.name] : []))
    const results = new Map<number, Record<string, string>>()
    if (names.length > 0) {
      const tags = this.db
        .prepare(
          `SELECT r.call_id, r.name, r.value FROM call_results r JOIN calls c ON c.call_id = r.call_id
           WHERE c.task_id = ? AND r.name IN (${names.map(() => '?').join(', ')}) ORDER BY r.call_id, r.ord`,
        )
        .all(taskId, ...names) as { call_id: number; name: string; value: string }[]
      for (const tag of tags) {
        const values = results.get(tag.call_id) ?? {}
        // The first value when a name repeats, as the call list shows it.
        values[tag.name] ??= tag.value
        results.set(tag.call_id, values)
      }
    }
    return rows.map((row) => ({
      callInstanceId: row.call_id,
      durationSec: row.duration_sec,
      finishStatus: row.finish_status,
      hangUp: row.hang_up,
      results: results.get(row.call_id) ?? {},
      reviewed: row.reviewed === 1,
    }))
  }

  create(queue: NewQueue): QueueSummary {
    const id = this.db
      .transaction(() => {
        const { lastInsertRowid } = this.db
          .prepare('INSERT INTO review_queues (name, task_id, plan, strata, created_at) VALUES (?, ?, ?, ?, ?)')
          .run(
            queue.name,
            queue.plan.taskId,
            JSON.stringify(queue.plan),
            JSON.stringify(queue.strata),
            this.now().toISOString(),
          )
        const insert = this.db.prepare(
          'INSERT INTO review_queue_calls (queue_id, position, call_id, stratum) VALUES (?, ?, ?, ?)',
        )
        queue.calls.forEach((call, position) =>
          insert.run(lastInsertRowid, position, call.callInstanceId, call.stratum),
        )
        return Number(lastInsertRowid)
      })
      .immediate()
    return this.get(id)!
  }

  get(queueId: number): QueueSummary | null {
    const row = this.db.prepare(`${SUMMARY} WHERE q.id = ?`).get(queueId) as QueueRow | undefined
    return row ? toSummary(row) : null
  }

  /** Newest first. */
  list(): QueueSummary[] {
    return (this.db.prepare(`${SUMMARY} ORDER BY q.created_at DESC, q.id DESC`).all() as QueueRow[]).map(toSummary)
  }

  remove(queueId: number): boolean {
    return this.db.prepare('DELETE FROM review_queues WHERE id = ?').run(queueId).changes > 0
  }

  /** The queue's calls in order, with their stratum's values. */
  calls(queueId: number): { callInstanceId: number; stratum: QueueStratum | null }[] {
    const row = this.db.prepare('SELECT strata FROM review_queues WHERE id = ?').get(queueId) as
      { strata: string } | undefined
    if (!row) return []
    const strata = JSON.parse(row.strata) as QueueStratum[]
    const calls = this.db
      .prepare('SELECT call_id, stratum FROM review_queue_calls WHERE queue_id = ? ORDER BY position')
      .all(queueId) as { call_id: number; stratum: number }[]
    return calls.map((c) => ({ callInstanceId: c.call_id, stratum: strata[c.stratum] ?? null }))
  }

  /** The call after or before one in the queue, with its position; null at an end or when it is not in the queue. */
  neighbour(
    queueId: number,
    callId: number,
    direction: 'next' | 'previous',
  ): { callInstanceId: number; position: number } | null {
    const at = this.db
      .prepare('SELECT position FROM review_queue_calls WHERE queue_id = ? AND call_id = ?')
      .get(queueId, callId) as { position: number } | undefined
    if (!at) return null
    const sql =
      direction === 'next'
        ? 'SELECT call_id, position FROM review_queue_calls WHERE queue_id = ? AND position > ? ORDER BY position LIMIT 1'
        : 'SELECT call_id, position FROM review_queue_calls WHERE queue_id = ? AND position < ? ORDER BY position DESC LIMIT 1'
    const found = this.db.prepare(sql).get(queueId, at.position) as { call_id: number; position: number } | undefined
    return found ? { callInstanceId: found.call_id, position: found.position } : null
  }
}
