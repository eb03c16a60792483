import { describe, expect, it } from 'vitest'
import type { CallFilterInput, CallSortInput } from '../../shared/contract/calls'
import { callFilterSchema } from '../../shared/contract/calls'
import type { CallSummary } from '../../shared/contract/domain'
import { CallCache } from './call-cache'
import { intent, makeDetail, makeSummary, makeTask, openTempCache } from '../../test-support/cache-fixtures'

const house = (value: string) => ({ name: '是否有房', value, desc: null })

/** Eight calls over two tasks with distinct tags, durations, rounds, statuses, times and transcripts. */
const CALLS: { summary: CallSummary; lines: string[] }[] = [
  {
    summary: makeSummary(1, {
      taskId: 1,
      customerName: '张伟',
      durationSec: 10,
      chatRound: 1,
      finishStatus: 0,
      startTime: '2026-03-01 09:00:00',
      results: [intent('A级(较强)'), house('是')],
    }),
    lines: ['您好', '价格太贵了'],
  },
  {
    summary: makeSummary(2, {
      taskId: 1,
      customerName: '王芳',
      durationSec: 30,
      chatRound: 3,
      finishStatus: 0,
      startTime: '2026-03-01 10:00:00',
      results: [intent('B级(一般)'), house('否')],
    }),
    lines: ['您好', '我考虑一下'],
  },
  {
    summary: makeSummary(3, {
      taskId: 1,
      customerName: '李娜',
      durationSec: 60,
      chatRound: 6,
      finishStatus: 1,
      startTime: '2026-03-02 09:00:00',
      results: [intent('A级(较强)'), house('否')],
    }),
    lines: ['请问您贵姓', '姓李'],
  },
  {
    summary: makeSummary(4, {
      taskId: 1,
      customerName: '刘洋',
      durationSec: 90,
      chatRound: 9,
      finishStatus: 8,
      startTime: '2026-03-02 15:00:00',
      results: [intent('C级(无法判断)')],
    }),
    lines: ['喂', '不需要谢谢'],
  },
  {
    summary: makeSummary(5, {
      taskId: 1,
      customerName: null,
      customerTelephone: '13912345678',
      durationSec: 120,
      chatRound: 12,
      finishStatus: 0,
      startTime: '2026-03-03 09:00:00',
      results: [intent('D级(很少)'), house('是')],
    }),
    lines: ['Hello 百应 robot', '价格多少'],
  },
  {
    summary: makeSummary(6, {
      taskId: 2,
      customerName: '陈静',
      durationSec: 45,
      chatRound: 4,
      finishStatus: 0,
      startTime: '2026-03-03 12:00:00',
      results: [intent('A级(较强)'), house('是')],
    }),
    lines: ['您好', '100%满意'],
  },
  {
    summary: makeSummary(7, {
      taskId: 2,
      customerName: '杨磊',
      durationSec: 5,
      chatRound: 0,
      finishStatus: 2,
      startTime: '2026-03-04 09:00:00',
      results: [],
    }),
    lines: [],
  },
  {
    summary: makeSummary(8, {
      taskId: 2,
      customerName: '赵敏',
      durationSec: 200,
      chatRound: 20,
      finishStatus: 42,
      startTime: null,
      results: [intent('B级(一般)')],
    }),
    lines: ['您好', '姓名是赵敏'],
  },
]

function seeded(): CallCache {
  const { cache } = openTempCache()
  cache.upsertTasks([makeTask(1), makeTask(2)])
  for (const { summary, lines } of CALLS) {
    cache.upsertCallSummaries(summary.taskId, [summary])
    if (lines.length > 0) cache.saveCallDetail(makeDetail(summary, lines))
  }
  cache.saveReview({ callInstanceId: 1, verdict: 'pass' })
  cache.saveReview({ callInstanceId: 2, verdict: 'fail', text: '客户抱怨利息太高' })
  cache.saveReview({ callInstanceId: 3, verdict: 'follow_up' })
  cache.saveReview({
    callInstanceId: 4,
    verdict: null,
    text: '还没听完',
    comments: [
      { id: 'c1', atMs: 1000, endMs: null, lineIndex: 1, text: '这里语气生硬', createdAt: '2026-03-05T00:00:00Z' },
    ],
  })
  return cache
}

function ids(
  cache: CallCache,
  filter: CallFilterInput,
  sort: CallSortInput = { field: 'startTime', direction: 'asc' },
): number[] {
  const result = cache.queryCalls(filter, sort, { offset: 0, limit: 500 })
  expect(result.rows.length).toBe(result.total)
  return result.rows.map((r) => r.callInstanceId)
}

const sorted = (list: number[]) => [...list].sort((a, b) => a - b)

describe('queryCalls', () => {
  const cache = seeded()

  it('returns every cached call without a filter, newest first by default', () => {
    const { rows, total } = cache.queryCalls()
    expect(total).toBe(8)
    expect(rows.map((r) => r.callInstanceId)).toEqual([7, 6, 5, 4, 3, 2, 1, 8]) // a null start time sorts last descending
  })

  it('filters by task', () => {
    expect(sorted(ids(cache, { taskId: 2 }))).toEqual([6, 7, 8])
  })

  it('ANDs tag filters across names and ORs values within a name', () => {
    expect(sorted(ids(cache, { tags: [{ name: '客户意向等级', values: ['A级(较强)'] }] }))).toEqual([1, 3, 6])
    expect(sorted(ids(cache, { tags: [{ name: '客户意向等级', values: ['A级(较强)', 'B级(一般)'] }] }))).toEqual([
      1, 2, 3, 6, 8,
    ])
    expect(
      sorted(
        ids(cache, {
          tags: [
            { name: '客户意向等级', values: ['A级(较强)', 'B级(一般)'] },
            { name: '是否有房', values: ['是'] },
          ],
        }),
      ),
    ).toEqual([1, 6])
    expect(ids(cache, { tags: [{ name: '是否有房', values: ['不存在'] }] })).toEqual([])
  })

  it('treats a name with no ticked values as unconstrained, and merges repeated names', () => {
    expect(ids(cache, { tags: [{ name: '是否有房', values: [] }] }).length).toBe(8)
    const merged = [
      { name: '是否有房', values: ['是'] },
      { name: '是否有房', values: ['否'] },
    ]
    expect(sorted(ids(cache, { tags: merged }))).toEqual([1, 2, 3, 5, 6])
  })

  it('filters by duration and chat-round ranges, bounds included', () => {
    expect(sorted(ids(cache, { durationMin: 30, durationMax: 90 }))).toEqual([2, 3, 4, 6])
    expect(sorted(ids(cache, { durationMin: 100 }))).toEqual([5, 8])
    expect(sorted(ids(cache, { chatRoundMax: 3 }))).toEqual([1, 2, 7])
    expect(sorted(ids(cache, { chatRoundMin: 4, chatRoundMax: 6 }))).toEqual([3, 6])
  })

  it('filters by finish status, unknown codes included', () => {
    expect(sorted(ids(cache, { finishStatus: [1, 8] }))).toEqual([3, 4])
    expect(ids(cache, { finishStatus: [42] })).toEqual([8])
    expect(ids(cache, { finishStatus: [] }).length).toBe(8)
  })

  it('filters by start time, with whole days for bare dates', () => {
    expect(ids(cache, { startFrom: '2026-03-02', startTo: '2026-03-02' })).toEqual([3, 4])
    expect(ids(cache, { startFrom: '2026-03-02 10:00:00', startTo: '2026-03-03 09:00:00' })).toEqual([4, 5])
    // A Date is an instant, read in China Standard Time like the API's times.
    expect(ids(cache, { startFrom: new Date('2026-03-04T00:00:00Z') })).toEqual([7])
  })

  it('gives each row under a text filter the first transcript line that matches, and no snippet without one', () => {
    const snippets = (filter: CallFilterInput) =>
      cache
        .queryCalls(callFilterSchema.parse(filter), { field: 'startTime', direction: 'asc' })
        .rows.map((r) => [r.callInstanceId, r.snippet])
    expect(snippets({ text: '价格' })).toEqual([
      [1, '价格太贵了'],
      [5, '价格多少'],
    ])
    expect(snippets({ text: 'HELLO' })).toEqual([[5, 'Hello 百应 robot']])
    // Found through the reviewer's note, not the transcript: nothing to excerpt.
    expect(snippets({ text: '利息太高' })).toEqual([[2, null]])
    expect(cache.queryCalls(callFilterSchema.parse({})).rows.every((r) => r.snippet === undefined)).toBe(true)
  })

  it('finds text of 3+ characters through the trigram index: transcript, name, phone, notes', () => {
    expect(ids(cache, { text: '价格太贵' })).toEqual([1])
    expect(ids(cache, { text: '考虑一下' })).toEqual([2])
    expect(ids(cache, { text: '912345' })).toEqual([5])
    expect(ids(cache, { text: 'BAIYING' })).toEqual([])
    expect(ids(cache, { text: 'hello' })).toEqual([5]) // case-insensitive
    expect(ids(cache, { text: '利息太高' })).toEqual([2]) // the reviewer's note
    expect(ids(cache, { text: '语气生硬' })).toEqual([4]) // a timed comment
    expect(ids(cache, { text: '100%满' })).toEqual([6])
    expect(ids(cache, { text: '"OR' })).toEqual([])
  })

  it('finds 1–2 character text through the bigram index, at the start, middle or end of a run', () => {
    expect(ids(cache, { text: '贵' })).toEqual([1, 3]) // 价格太贵了, 请问您贵姓
    expect(ids(cache, { text: '了' })).toEqual([1]) // the run's last character
    expect(ids(cache, { text: '百应' })).toEqual([5])
    expect(ids(cache, { text: 'HE' })).toEqual([5]) // Hello, case-insensitive
    expect(ids(cache, { text: '价格 %' })).toEqual([]) // an indexed and a LIKE term together
  })

  it('finds 1–2 character Chinese text in transcripts, names, notes and comments', () => {
    expect(ids(cache, { text: '价格' })).toEqual([1, 5])
    expect(ids(cache, { text: '姓' })).toEqual([8, 3]) // 8 has no start time: first ascending
    expect(ids(cache, { text: '姓名' })).toEqual([8])
    expect(ids(cache, { text: '张伟' })).toEqual([1]) // customer name
    expect(ids(cache, { text: '利息' })).toEqual([2]) // note
    expect(ids(cache, { text: '生硬' })).toEqual([4]) // comment
    expect(ids(cache, { text: '%' })).toEqual([6]) // a literal percent sign, not a wildcard
    expect(ids(cache, { text: '_' })).toEqual([])
  })

  it('requires every whitespace-separated term, long or short, to match', () => {
    expect(ids(cache, { text: '您好 价格' })).toEqual([1])
    expect(ids(cache, { text: '价格 robot' })).toEqual([5])
    expect(ids(cache, { text: '  ' }).length).toBe(8)
  })

  it('filters by review state and verdicts from the reviews file', () => {
    expect(ids(cache, { reviewState: 'reviewed' })).toEqual([1, 2, 3])
    expect(sorted(ids(cache, { reviewState: 'unreviewed' }))).toEqual([4, 5, 6, 7, 8]) // a note without a verdict is not a review
    expect(ids(cache, { verdicts: ['fail', 'follow_up'] })).toEqual([2, 3])
    expect(ids(cache, { verdicts: ['pass'], reviewState: 'unreviewed' })).toEqual([])
    const row = cache.queryCalls({ verdicts: ['fail'] }).rows[0]
    expect(row).toMatchObject({ verdict: 'fail', reviewed: true })
    expect(row?.reviewUpdatedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/)
  })

  it('combines every kind of filter', () => {
    const filter: CallFilterInput = {
      taskId: 1,
      tags: [{ name: '客户意向等级', values: ['A级(较强)', 'B级(一般)', 'D级(很少)'] }],
      durationMin: 10,
      chatRoundMax: 12,
      finishStatus: [0],
      startFrom: '2026-03-01',
      startTo: '2026-03-03',
      text: '您好',
      reviewState: 'reviewed',
      verdicts: ['pass', 'fail'],
    }
    expect(ids(cache, filter)).toEqual([1, 2])
    expect(ids(cache, { ...filter, text: '考虑' })).toEqual([2])
    expect(ids(cache, { ...filter, verdicts: ['follow_up'] })).toEqual([])
  })

  it('sorts by each field in both directions', () => {
    expect(ids(cache, {}, { field: 'durationSec', direction: 'asc' })).toEqual([7, 1, 2, 6, 3, 4, 5, 8])
    expect(ids(cache, {}, { field: 'durationSec', direction: 'desc' })).toEqual([8, 5, 4, 3, 6, 2, 1, 7])
    expect(ids(cache, {}, { field: 'chatRound', direction: 'desc' })).toEqual([8, 5, 4, 3, 6, 2, 1, 7])
    expect(ids(cache, {}, { field: 'startTime', direction: 'asc' })).toEqual([8, 1, 2, 3, 4, 5, 6, 7])
    expect(ids(cache, {}, { field: 'customerName', direction: 'asc' })[0]).toBe(5) // no name first
  })

  it('sorts by review time with unreviewed calls last in both directions', () => {
    const { cache: c, reopen: _ } = openTempCache({ now: clock() })
    for (const id of [1, 2, 3]) c.upsertCallSummaries(1, [makeSummary(id)])
    c.saveReview({ callInstanceId: 3, verdict: 'pass' })
    c.saveReview({ callInstanceId: 1, verdict: 'fail' })
    expect(ids(c, {}, { field: 'updatedAt', direction: 'desc' })).toEqual([1, 3, 2])
    expect(ids(c, {}, { field: 'updatedAt', direction: 'asc' })).toEqual([3, 1, 2])
    c.close()
  })

  it('pages without gaps or overlaps, ties broken by id', () => {
    const { cache: c } = openTempCache()
    c.upsertCallSummaries(
      1,
      Array.from({ length: 25 }, (_, i) => makeSummary(i + 1, { startTime: '2026-03-01 09:00:00' })),
    )
    const seen: number[] = []
    for (let offset = 0; offset < 25; offset += 10) {
      const page = c.queryCalls({}, {}, { offset, limit: 10 })
      expect(page.total).toBe(25)
      seen.push(...page.rows.map((r) => r.callInstanceId))
    }
    expect(seen).toEqual(Array.from({ length: 25 }, (_, i) => 25 - i))
    expect(c.queryCalls({}, {}, { offset: 30, limit: 10 })).toEqual({ rows: [], total: 25 })
    c.close()
  })

  it('answers a repeated search from the latest data: sync writes, review saves, another connection', () => {
    const { cache: c } = openTempCache()
    const first = makeSummary(1, { startTime: '2026-03-01 09:00:00' })
    c.upsertCallSummaries(1, [first])
    c.saveCallDetail(makeDetail(first, ['月供太高了']))
    for (const text of ['月供', '月供太高']) {
      expect(c.queryCalls({ text }).rows.map((r) => r.callInstanceId)).toEqual([1])
    }
    const second = makeSummary(2, { startTime: '2026-03-02 09:00:00' })
    c.upsertCallSummaries(1, [second])
    c.saveCallDetail(makeDetail(second, ['月供太高怎么办']))
    expect(c.queryCalls({ text: '月供太高' }).rows.map((r) => r.callInstanceId)).toEqual([2, 1])
    expect(c.facets({ text: '月供太高' }).total).toBe(2)
    c.upsertCallSummaries(1, [makeSummary(3, { startTime: '2026-03-03 09:00:00' })])
    c.saveReview({ callInstanceId: 3, verdict: null, text: '客户说月供太高' }) // the review file's own connection
    expect(c.queryCalls({ text: '月供太高' }).rows.map((r) => r.callInstanceId)).toEqual([3, 2, 1])
    const other = new CallCache(c.path) // a second connection, as another process would have
    other.deleteReview(3)
    other.close()
    expect(c.queryCalls({ text: '月供太高' }).total).toBe(2)
    expect(c.facets({ text: '月供' }).total).toBe(2)
    c.close()
  })

  it('counts a repeated filter from the latest data: sync writes, review saves, another connection', () => {
    const { cache: c } = openTempCache()
    c.upsertCallSummaries(
      1,
      [1, 2, 3].map((id) => makeSummary(id)),
    )
    const unreviewed = { reviewState: 'unreviewed' } as const
    const totals = () => [c.queryCalls(unreviewed).total, c.facets(unreviewed).total]
    expect(totals()).toEqual([3, 3])
    c.upsertCallSummaries(1, [makeSummary(4)])
    expect(totals()).toEqual([4, 4])
    c.saveReview({ callInstanceId: 1, verdict: 'pass', text: '' }) // the review file's own connection
    expect(totals()).toEqual([3, 3])
    const other = new CallCache(c.path) // a second connection, as another process would have
    other.saveReview({ callInstanceId: 2, verdict: 'fail', text: '' })
    other.close()
    expect(totals()).toEqual([2, 2])
    expect(c.queryCalls(unreviewed, {}, { offset: 1, limit: 1 }).total).toBe(2)
    c.close()
  })

  it('refuses malformed filters, sorts and pages', () => {
    expect(() => cache.queryCalls({ taskId: -1 })).toThrow()
    expect(() => cache.queryCalls({ startFrom: '2026-3-1' })).toThrow()
    expect(() => cache.queryCalls({ unknown: 1 } as never)).toThrow()
    expect(() => cache.queryCalls({}, { field: 'name; DROP TABLE calls' as never })).toThrow()
    expect(() => cache.queryCalls({}, {}, { offset: 0, limit: 501 })).toThrow()
    expect(() => cache.queryCalls({ text: 'x'.repeat(201) })).toThrow()
    expect(callFilterSchema.parse({ startTo: '2026-03-02' }).startTo).toBe('2026-03-02 23:59:59')
  })
})

function clock(): () => Date {
  let t = Date.parse('2026-03-05T00:00:00Z')
  return () => new Date((t += 1000))
}
