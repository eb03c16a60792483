import { describe, expect, it } from 'vitest'
import { TASK_DETAIL_EXAMPLE_FIXED } from '../../test-support/api-doc-examples'
import { normalizeExtraStat, unrecognisedText } from './extra-stat'
import { normalizeTaskDetail } from './normalize'
import { rawTaskDetailSchema } from './schemas'

const DEFS = [
  { name: '客户意向等级', values: ['A级(较强)', 'B级(一般)', 'C级(无法判断)'] },
  { name: '客户关注点', values: ['位置', '户型'] },
]

const exampleDetail = () => JSON.parse(TASK_DETAIL_EXAMPLE_FIXED).data as Record<string, unknown>

describe('extraStat shapes', () => {
  it('reads the object of the document example: result name → [{name, value}]', () => {
    const stat = normalizeExtraStat(exampleDetail().extraStat)
    expect(stat.groups['客户意向等级']).toEqual([{ name: '较强', value: 1 }])
    expect(stat.groups['客户关注点']).toHaveLength(7)
    expect(stat.unrecognised).toEqual([])
  })

  it('reads a list of groups whether their rows sit under value or list, with counts as strings', () => {
    const stat = normalizeExtraStat([
      { name: '客户意向等级', value: [{ name: '较强', value: '3' }] },
      {
        name: '客户关注点',
        list: [
          { name: '位置', value: 2 },
          { name: '户型', value: 1 },
        ],
      },
    ])
    expect(stat.groups).toEqual({
      客户意向等级: [{ name: '较强', value: 3 }],
      客户关注点: [
        { name: '位置', value: 2 },
        { name: '户型', value: 1 },
      ],
    })
    expect(stat.unrecognised).toEqual([])
  })

  it('places flat [{name, value}] rows under the result whose values hold them, short forms included', () => {
    const stat = normalizeExtraStat(
      [
        { name: '较强', value: 4 },
        { name: '户型', value: 2 },
      ],
      DEFS,
    )
    expect(stat.groups).toEqual({
      客户意向等级: [{ name: '较强', value: 4 }],
      客户关注点: [{ name: '户型', value: 2 }],
    })
  })

  it('places a flat row by its exact value before its short form', () => {
    const defs = [...DEFS, { name: '回访结果', values: ['满意', '一般'] }]
    const stat = normalizeExtraStat([{ name: '一般', value: 3 }], defs)
    expect(stat.groups).toEqual({ 回访结果: [{ name: '一般', value: 3 }] })
  })

  it('keeps a flat row that fits no result, or several, raw rather than guess its result', () => {
    const defs = [...DEFS, { name: '复核等级', values: ['A级(较强)'] }]
    const stat = normalizeExtraStat(
      [
        { name: '较强', value: 4 },
        { name: '外星人', value: 1 },
      ],
      defs,
    )
    expect(stat.groups).toEqual({})
    expect(stat.unrecognised).toEqual([
      { name: '较强', value: 4 },
      { name: '外星人', value: 1 },
    ])
  })

  it('keeps unknown shapes raw next to the readable groups and never throws', () => {
    const stat = normalizeExtraStat({
      客户意向等级: [{ name: '较强', value: 1 }],
      客户关注点: '位置:3',
      复核: [{ name: '通过', value: { count: 2 } }],
      空: null,
    })
    expect(stat.groups).toEqual({ 客户意向等级: [{ name: '较强', value: 1 }] })
    expect(stat.unrecognised).toEqual([{ 客户关注点: '位置:3' }, { 复核: [{ name: '通过', value: { count: 2 } }] }])
    for (const odd of ['a string', 42, true, [1, 2], [[{ name: 'x', value: 1 }]], [{ value: [] }]]) {
      const result = normalizeExtraStat(odd)
      expect(result.groups).toEqual({})
      expect(result.unrecognised.length).toBeGreaterThan(0)
    }
  })

  it('writes unrecognised parts as JSON text, capped, and nothing when everything was read', () => {
    expect(unrecognisedText([])).toBeUndefined()
    expect(JSON.parse(unrecognisedText([{ a: 1 }])!)).toEqual({ a: 1 })
    const long = unrecognisedText([{ text: 'x'.repeat(50_000) }])!
    expect(long.length).toBeLessThan(21_000)
    expect(long.endsWith('…')).toBe(true)
  })
})

describe('a task detail with extraStat as a list', () => {
  it('is read whole: charts from the list, the odd part kept as unrecognised statistics', () => {
    const data = exampleDetail()
    data.resultDefs = DEFS
    data.extraStat = [
      { name: '客户意向等级', value: [{ name: '较强', value: 5 }] },
      { name: '较强', value: 1 },
      'garbage',
    ]
    const detail = normalizeTaskDetail(rawTaskDetailSchema.parse(data), 7)
    expect(detail.name).toBe('testJob')
    expect(detail.extraStat['客户意向等级']).toEqual([
      { name: '较强', value: 5 },
      { name: '较强', value: 1 },
    ])
    expect(JSON.parse(detail.unrecognisedStats!)).toEqual('garbage')
  })

  it('has no unrecognised statistics when the document example is read', () => {
    const detail = normalizeTaskDetail(rawTaskDetailSchema.parse(exampleDetail()), 7)
    expect(detail).not.toHaveProperty('unrecognisedStats')
  })
})
