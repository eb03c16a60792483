// Unreviewed calls are counted as "all less reviewed" (match-counts.ts), and the unfiltered counts
// are kept while the data stays the same. Both must give exactly what the list's rows say.
import { describe, expect, it } from 'vitest'
import type { CallFilterInput } from '../../shared/contract/calls'
import type { CallCache } from './call-cache'
import { intent, makeDetail, makeSummary, openTempCache } from '../../test-support/cache-fixtures'

const CALLS = 60

function seeded(): CallCache {
  const { cache } = openTempCache()
  for (const taskId of [1, 2]) {
    const ids = Array.from({ length: CALLS / 2 }, (_, i) => (taskId - 1) * (CALLS / 2) + i + 1)
    const summaries = ids.map((id) =>
      makeSummary(id, {
        taskId,
        results:
          id % 5 === 0 ? [] : [intent('ABC'[id % 3]!), { name: '是否有房', value: id % 2 ? '是' : '否', desc: null }],
      }),
    )
    cache.upsertCallSummaries(taskId, summaries)
    summaries.forEach((s) => cache.saveCallDetail(makeDetail(s, id3(s.callInstanceId))))
  }
  for (let id = 1; id <= CALLS; id += 4) cache.saveReview({ callInstanceId: id, verdict: 'pass' })
  cache.saveReview({ callInstanceId: 2, verdict: null, text: '只有备注' }) // a note alone: not reviewed
  return cache
}

/** Every third call says 价格太贵. */
const id3 = (id: number) => (id % 3 === 0 ? ['您好', '价格太贵了'] : ['您好', '好的再见'])

/**
 * The facet counts recomputed from the list's own rows (a different query path); a name's own tag
 * filter is left out when counting that name's values, as the facets do.
 */
function expectedFacets(cache: CallCache, filter: CallFilterInput) {
  const own = fromRows(cache, filter)
  for (const { name } of filter.tags ?? []) {
    const others = { ...filter, tags: filter.tags!.filter((tag) => tag.name !== name) }
    own.counts[name] = fromRows(cache, others).counts[name] ?? {}
  }
  return own
}

function fromRows(cache: CallCache, filter: CallFilterInput) {
  const { rows, total } = cache.queryCalls(filter, {}, { offset: 0, limit: 500 })
  const counts: Record<string, Record<string, number>> = {}
  for (const row of rows) {
    for (const { name, value } of new Map(row.results.map((r) => [`${r.name}\n${r.value}`, r])).values()) {
      counts[name] ??= {}
      counts[name][value] = (counts[name][value] ?? 0) + 1
    }
  }
  return { total, counts, unreviewed: rows.every((row) => !row.reviewed) }
}

function facetCounts(cache: CallCache, filter: CallFilterInput) {
  const facets = cache.facets(filter)
  const counts = Object.fromEntries(
    facets.results.map((f) => [f.name, Object.fromEntries(f.values.map((v) => [v.value, v.count]))]),
  )
  return { total: facets.total, counts, unreviewed: true }
}

describe('counting unreviewed calls as all less reviewed', () => {
  it('gives the counts the list rows give, under every other filter', () => {
    const cache = seeded()
    const filters: CallFilterInput[] = [
      { reviewState: 'unreviewed' },
      { reviewState: 'unreviewed', taskId: 2 },
      { reviewState: 'unreviewed', text: '价格太贵' },
      { reviewState: 'unreviewed', tags: [{ name: '客户意向等级', values: ['A', 'B'] }] },
      { reviewState: 'unreviewed', tags: [{ name: '是否有房', values: ['是'] }], taskId: 1 },
    ]
    for (const filter of filters) {
      const expected = expectedFacets(cache, filter)
      expect(expected.total).toBeGreaterThan(0)
      expect(facetCounts(cache, filter)).toEqual(expected)
    }
    // Reviewed + unreviewed = all.
    const all = cache.facets({}).total
    expect(cache.facets({ reviewState: 'reviewed' }).total + cache.facets({ reviewState: 'unreviewed' }).total).toBe(
      all,
    )
    expect(all).toBe(CALLS)
    cache.close()
  })

  it('counts again when a review or a call changes, though a search in between kept the counts', () => {
    const cache = seeded()
    const unreviewed = () => cache.facets({ reviewState: 'unreviewed' }).total
    const before = unreviewed()
    expect(cache.queryCalls({ text: '价格太贵' }).total).toBe(CALLS / 3)
    expect(unreviewed()).toBe(before)
    cache.saveReview({ callInstanceId: 3, verdict: 'fail' })
    cache.queryCalls({ text: '好的再见' })
    expect(unreviewed()).toBe(before - 1)
    cache.upsertCallSummaries(1, [makeSummary(500, { taskId: 1, results: [intent('A')] })])
    expect(unreviewed()).toBe(before)
    expect(cache.facets({ reviewState: 'unreviewed', tags: [{ name: '客户意向等级', values: ['A'] }] }).total).toBe(
      fromRows(cache, { reviewState: 'unreviewed', tags: [{ name: '客户意向等级', values: ['A'] }] }).total,
    )
    cache.close()
  })
})
