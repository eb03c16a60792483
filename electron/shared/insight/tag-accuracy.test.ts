import { describe, expect, it } from 'vitest'
import type { TagCheck } from '../contract/reviews'
import { tagAccuracy } from './tag-accuracy'
import { wilsonInterval } from './wilson'

const INTENT = '客户意向等级'
const confirmed = (name: string, value: string): TagCheck => ({
  name,
  robotValue: value,
  status: 'confirmed',
  correctedValue: null,
})
const corrected = (name: string, robot: string, value: string): TagCheck => ({
  name,
  robotValue: robot,
  status: 'corrected',
  correctedValue: value,
})
const missed = (name: string, value: string): TagCheck => ({
  name,
  robotValue: '',
  status: 'missed',
  correctedValue: value,
})

describe('tag accuracy', () => {
  it('counts checks and confirmations per result name, with the agreement and its Wilson interval', () => {
    const calls = [
      [confirmed(INTENT, 'A级(较强)')],
      [confirmed(INTENT, 'A级(较强)')],
      [corrected(INTENT, 'A级(较强)', 'B级(一般)')],
      [confirmed(INTENT, 'B级(一般)')],
      [], // reviewed, nothing checked: not counted
    ]
    const [intent] = tagAccuracy(calls)
    const interval = wilsonInterval(3, 4)!
    expect(intent).toEqual({
      name: INTENT,
      checked: 4,
      confirmed: 3,
      agreement: 0.75,
      agreementLow: interval.low,
      agreementHigh: interval.high,
      matrix: [
        { robot: 'A级(较强)', reviewer: 'A级(较强)', calls: 2 },
        { robot: 'A级(较强)', reviewer: 'B级(一般)', calls: 1 },
        { robot: 'B级(一般)', reviewer: 'B级(一般)', calls: 1 },
      ],
    })
  })

  it('counts a missed tag as checked and not confirmed, with no robot value, listed after the robot values', () => {
    const [intent] = tagAccuracy([[confirmed(INTENT, 'C级')], [missed(INTENT, 'A级')]])
    expect(intent).toMatchObject({ checked: 2, confirmed: 1, agreement: 0.5 })
    expect(intent!.matrix).toEqual([
      { robot: 'C级', reviewer: 'C级', calls: 1 },
      { robot: null, reviewer: 'A级', calls: 1 },
    ])
  })

  it('keeps result names apart, by name, and counts each value of a many-valued name once', () => {
    const focus = '客户关注点'
    const result = tagAccuracy([
      [confirmed(INTENT, 'A级'), confirmed(focus, '价格'), corrected(focus, '地段', '学区')],
      [confirmed(focus, '价格')],
    ])
    expect(result.map((r) => [r.name, r.checked, r.confirmed])).toEqual([
      [focus, 3, 2],
      [INTENT, 1, 1],
    ])
    expect(result[0]!.matrix).toEqual([
      { robot: '价格', reviewer: '价格', calls: 2 },
      { robot: '地段', reviewer: '学区', calls: 1 },
    ])
  })

  it('has no entry without checks', () => {
    expect(tagAccuracy([[], []])).toEqual([])
  })
})
