import { describe, expect, it } from 'vitest'
import { bucketBars, cachedValueCounts, countsDiffer, resultDistributions } from './stat-links'

const detail = {
  taskId: 7,
  resultDefs: [{ name: '客户意向等级', values: ['A级(较强)', 'B级(一般)', 'C级(无法判断)'] }],
  extraStat: {
    客户意向等级: [
      { name: '一般', value: 4 },
      { name: '较强', value: 3 },
    ],
    客户关注点: [{ name: '位置', value: 2 }],
  },
}
const facets = cachedValueCounts({
  total: 9,
  results: [
    {
      name: '客户意向等级',
      values: [
        { value: 'A级(较强)', count: 3 },
        { value: 'B级(一般)', count: 3 },
      ],
    },
    { name: '客户关注点', values: [{ value: '位置', count: 2 }] },
  ],
})

describe('result bars as links', () => {
  it('links a short-form bar to the full value, counts the cache by it, and keeps the declared order', () => {
    const [intent] = resultDistributions(detail, facets)
    expect(intent!.bars).toEqual([
      {
        label: '较强',
        serverCount: 3,
        cacheCount: 3,
        filter: { taskId: 7, tags: [{ name: '客户意向等级', values: ['A级(较强)'] }] },
      },
      {
        label: '一般',
        serverCount: 4,
        cacheCount: 3,
        filter: { taskId: 7, tags: [{ name: '客户意向等级', values: ['B级(一般)'] }] },
      },
      {
        label: 'C级(无法判断)',
        serverCount: 0,
        cacheCount: 0,
        filter: { taskId: 7, tags: [{ name: '客户意向等级', values: ['C级(无法判断)'] }] },
      },
    ])
    expect(intent!.bars.map(countsDiffer)).toEqual([false, true, false])
  })

  it('links an ambiguous short form to every value it may stand for, and sums their cached calls', () => {
    const [intent] = resultDistributions(
      {
        taskId: 7,
        resultDefs: [{ name: '客户意向等级', values: ['A级(较强)', 'A+级(较强)'] }],
        extraStat: { 客户意向等级: [{ name: '较强', value: 5 }] },
      },
      cachedValueCounts({
        total: 5,
        results: [
          {
            name: '客户意向等级',
            values: [
              { value: 'A级(较强)', count: 2 },
              { value: 'A+级(较强)', count: 3 },
            ],
          },
        ],
      }),
    )
    expect(intent!.bars).toEqual([
      {
        label: '较强',
        serverCount: 5,
        cacheCount: 5,
        filter: { taskId: 7, tags: [{ name: '客户意向等级', values: ['A级(较强)', 'A+级(较强)'] }] },
      },
    ])
  })

  it('finds full values among the cached ones when resultDefs leaves them out, and leaves counts unknown before the cache answers', () => {
    const [, focus] = resultDistributions(
      { ...detail, extraStat: { ...detail.extraStat, 客户关注点: [{ name: '近', value: 1 }] } },
      cachedValueCounts({ total: 1, results: [{ name: '客户关注点', values: [{ value: '位置(近)', count: 1 }] }] }),
    )
    expect(focus!.bars[0]!.filter).toEqual({ taskId: 7, tags: [{ name: '客户关注点', values: ['位置(近)'] }] })
    const [intent] = resultDistributions(detail, null)
    expect(intent!.bars.every((bar) => bar.cacheCount === null)).toBe(true)
    expect(intent!.bars.some(countsDiffer)).toBe(false)
  })
})

describe('duration and chat-round bars as links', () => {
  it('open the answered calls in the bucket range, and a bucket that cannot be read is no link', () => {
    const bars = bucketBars(
      3,
      [
        { name: '<10s', value: 4 },
        { name: '10-50s', value: 2 },
        { name: '其他', value: 1 },
        { name: '>=2min', value: 1 },
      ],
      'duration',
      new Map([
        ['<10s', 4],
        ['10-50s', 1],
      ]),
    )
    expect(bars.map((bar) => bar.filter)).toEqual([
      { taskId: 3, finishStatus: [0], durationMax: 9 },
      { taskId: 3, finishStatus: [0], durationMin: 10, durationMax: 50 },
      null,
      { taskId: 3, finishStatus: [0], durationMin: 120 },
    ])
    expect(bars.map((bar) => bar.cacheCount)).toEqual([4, 1, null, null])
    expect(bars.map(countsDiffer)).toEqual([false, true, false, false])
    expect(bucketBars(3, [{ name: '10次及以上', value: 2 }], 'chatRound')[0]!.filter).toEqual({
      taskId: 3,
      finishStatus: [0],
      chatRoundMin: 10,
    })
  })
})
