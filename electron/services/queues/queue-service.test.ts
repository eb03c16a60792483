import { afterEach, describe, expect, it } from 'vitest'
import type { QueuePlan } from '../../shared/contract/queues'
import {
  intent,
  makeDetail,
  makeSummary,
  makeTask,
  openTempCache,
  type TempCache,
} from '../../test-support/cache-fixtures'
import { Writable } from 'node:stream'
import type { CallCache } from '../cache'
import { writeExport, type ExportRequest } from '../export/write-export'
import { createQueue, previewQueue } from './queue-service'

/** A queue's export through the one export path, collected. */
async function exportQueue(cache: CallCache, queueId: number, format: ExportRequest['format']) {
  const chunks: Buffer[] = []
  const out = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk)
      done()
    },
  })
  const count = await writeExport(cache, { what: 'queue', queueId, format, filter: {}, language: 'en' }, out)
  return { count, bytes: Buffer.concat(chunks) }
}

const LEVELS = ['A级(较强)', 'B级(一般)', 'C级(无法判断)']
let temp: TempCache | null = null

/** Task 1 with 30 calls: intent by id % 3, durations 20 s / 90 s alternating, the customer hanging up on every third. */
function cacheWithCalls(): TempCache {
  temp = openTempCache()
  const { cache } = temp
  cache.upsertTasks([makeTask(1), makeTask(2)])
  const summaries = Array.from({ length: 30 }, (_, i) =>
    makeSummary(100 + i, { results: [intent(LEVELS[i % 3]!)], durationSec: i % 2 === 0 ? 20 : 90 }),
  )
  cache.upsertCallSummaries(1, summaries)
  for (const [i, summary] of summaries.entries())
    cache.saveCallDetail(makeDetail(summary, undefined, { hangUp: i % 3 === 0 ? 1 : 0 }))
  // Another task's calls are never drawn.
  cache.upsertCallSummaries(2, [makeSummary(900, { taskId: 2 })])
  return temp
}

const plan: QueuePlan = {
  taskId: 1,
  dimensions: [{ kind: 'result', name: '客户意向等级' }, { kind: 'duration' }],
  sizing: { kind: 'perStratum', size: 2 },
  seed: 9,
}

function review(callInstanceId: number) {
  return { callInstanceId, verdict: 'pass' as const, score: null, tags: [], text: '', comments: [], tagChecks: [] }
}

afterEach(() => {
  temp?.cache.close()
  temp = null
})

describe('review queues in the cache', () => {
  it('previews the strata a plan draws from, and creates a queue of exactly that size', () => {
    const { cache } = cacheWithCalls()
    const preview = previewQueue(cache, plan)
    // 3 levels × 2 duration buckets, 5 calls each.
    expect(preview.strata).toHaveLength(6)
    expect(preview.strata.every((s) => s.available === 5 && s.size === 2)).toBe(true)
    expect(preview).toMatchObject({ available: 30, size: 12 })
    const queue = createQueue(cache, '第一批', plan)
    expect(queue).toMatchObject({ name: '第一批', taskId: 1, total: 12, reviewed: 0, plan })
    expect(cache.queues.calls(queue.id).map((c) => c.callInstanceId)).toEqual(
      createQueue(cache, 'again', plan) && cache.queues.calls(queue.id + 1).map((c) => c.callInstanceId),
    )
  })

  it('leaves out calls reviewed before the queue was drawn', () => {
    const { cache } = cacheWithCalls()
    for (let id = 100; id < 110; id++) cache.saveReview(review(id))
    const queue = createQueue(cache, 'rest', { ...plan, sizing: { kind: 'perStratum', size: 100 } })
    const ids = cache.queues.calls(queue.id).map((c) => c.callInstanceId)
    expect(ids).toHaveLength(20)
    expect(ids.every((id) => id >= 110)).toBe(true)
  })

  it('counts its reviewed calls, names the next one to review, and walks its calls in order', () => {
    const { cache } = cacheWithCalls()
    const queue = createQueue(cache, 'walk', plan)
    const ids = cache.queues.calls(queue.id).map((c) => c.callInstanceId)
    expect(queue.nextCallInstanceId).toBe(ids[0])
    cache.saveReview(review(ids[0]!))
    cache.saveReview(review(ids[1]!))
    expect(cache.queues.get(queue.id)).toMatchObject({ reviewed: 2, total: 12, nextCallInstanceId: ids[2] })
    expect(cache.queues.neighbour(queue.id, ids[0]!, 'next')).toEqual({ callInstanceId: ids[1], position: 1 })
    expect(cache.queues.neighbour(queue.id, ids[5]!, 'previous')).toEqual({ callInstanceId: ids[4], position: 4 })
    expect(cache.queues.neighbour(queue.id, ids[0]!, 'previous')).toBeNull()
    expect(cache.queues.neighbour(queue.id, ids[11]!, 'next')).toBeNull()
    expect(cache.queues.neighbour(queue.id, 900, 'next')).toBeNull()
  })

  it('is kept across a restart and gone once removed', () => {
    const state = cacheWithCalls()
    const queue = createQueue(state.cache, 'kept', plan)
    const ids = state.cache.queues.calls(queue.id)
    const again = state.reopen()
    expect(again.queues.list()).toEqual([queue])
    expect(again.queues.calls(queue.id)).toEqual(ids)
    expect(again.queues.remove(queue.id)).toBe(true)
    expect(again.queues.list()).toEqual([])
    expect(again.queues.calls(queue.id)).toEqual([])
  })

  it('refuses to create an empty queue', () => {
    const { cache } = cacheWithCalls()
    expect(() => createQueue(cache, 'none', { ...plan, taskId: 3 })).toThrow(/no unreviewed calls/)
  })

  it("exports its calls in queue order with their stratum and the calls export's columns", async () => {
    const { cache } = cacheWithCalls()
    const queue = createQueue(cache, 'out', plan)
    const ids = cache.queues.calls(queue.id).map((c) => c.callInstanceId)
    const json = await exportQueue(cache, queue.id, 'json')
    const rows = JSON.parse(json.bytes.toString('utf8')) as {
      callInstanceId: number
      queuePosition: number
      stratum: string[]
      hangUp: number
    }[]
    expect(json.count).toBe(12)
    expect(rows.map((r) => r.callInstanceId)).toEqual(ids)
    expect(rows.map((r) => r.queuePosition)).toEqual(ids.map((_, i) => i + 1))
    expect(rows[0]!.stratum).toEqual(cache.queues.calls(queue.id)[0]!.stratum!.values)
    const csv = (await exportQueue(cache, queue.id, 'csv')).bytes.toString('utf8')
    expect(csv.split('\n')[0]).toMatch(/^\uFEFF?Queue position,Stratum,Call ID,Task ID,/)
    await expect(exportQueue(cache, queue.id + 1, 'csv')).rejects.toThrow(/does not exist/)
  })
})
