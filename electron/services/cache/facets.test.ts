import { describe, expect, it } from 'vitest'
import type { CallFacets } from '../../shared/contract/calls'
import type { CallResult } from '../../shared/contract/domain'
import { intent, makeSummary, openTempCache } from '../../test-support/cache-fixtures'

const house = (value: string): CallResult => ({ name: '是否有房', value, desc: null })

function counts(facets: CallFacets): Record<string, Record<string, number>> {
  return Object.fromEntries(
    facets.results.map((f) => [f.name, Object.fromEntries(f.values.map((v) => [v.value, v.count]))]),
  )
}

function seeded() {
  const { cache } = openTempCache()
  const results: CallResult[][] = [
    [intent('A'), house('是')],
    [intent('A'), house('否')],
    [intent('B'), house('是')],
    [intent('B'), house('是')],
    [intent('C')],
    [intent('A'), intent('A'), house('是')], // the same pair twice counts the call once
  ]
  cache.upsertCallSummaries(
    1,
    results.map((r, i) => makeSummary(i + 1, { results: r, durationSec: (i + 1) * 10 })),
  )
  cache.upsertCallSummaries(2, [makeSummary(100, { taskId: 2, results: [intent('A'), house('否')] })])
  return cache
}

describe('facets', () => {
  it('counts every value of every result name among the filtered calls', () => {
    const cache = seeded()
    const facets = cache.facets({ taskId: 1 })
    expect(facets.total).toBe(6)
    expect(counts(facets)).toEqual({ 客户意向等级: { A: 3, B: 2, C: 1 }, 是否有房: { 是: 4, 否: 1 } })
    expect(facets.results[0]?.values.map((v) => v.value)).toEqual(['A', 'B', 'C']) // most frequent first
    expect(counts(cache.facets({}))).toEqual({ 客户意向等级: { A: 4, B: 2, C: 1 }, 是否有房: { 是: 4, 否: 2 } })
    cache.close()
  })

  it('leaves a name’s own tag filter out when counting its values, but applies the other names’', () => {
    const cache = seeded()
    const facets = cache.facets({
      taskId: 1,
      tags: [
        { name: '客户意向等级', values: ['A'] },
        { name: '是否有房', values: ['是'] },
      ],
    })
    expect(facets.total).toBe(2) // calls 1 and 6
    expect(counts(facets)).toEqual({
      客户意向等级: { A: 2, B: 2 }, // among calls with 是否有房=是
      是否有房: { 是: 2, 否: 1 }, // among calls with 客户意向等级=A
    })
    cache.close()
  })

  it('follows a call whose results change: it leaves its old combination for the new one', () => {
    const cache = seeded()
    cache.upsertCallSummaries(2, [makeSummary(100, { taskId: 2, results: [intent('C')] })])
    expect(counts(cache.facets({ taskId: 2 }))).toEqual({ 客户意向等级: { C: 1 } })
    expect(cache.queryCalls({ tags: [{ name: '是否有房', values: ['否'] }] }).total).toBe(1) // call 2 only
    expect(cache.facets({}).total).toBe(7)
    cache.close()
  })

  it('applies the other filters to every count and keeps a ticked value with no calls at 0', () => {
    const cache = seeded()
    const facets = cache.facets({ taskId: 1, durationMin: 30, tags: [{ name: '客户意向等级', values: ['A', 'Z'] }] })
    expect(counts(facets)).toEqual({
      客户意向等级: { A: 1, B: 2, C: 1, Z: 0 },
      是否有房: { 是: 1 }, // only call 6 is A with duration ≥ 30
    })
    cache.close()
  })
})
