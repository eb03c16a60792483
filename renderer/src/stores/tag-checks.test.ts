import { describe, expect, it } from 'vitest'
import { tagCheckSchema, type CallResult } from '@shared/contract'
import {
  addMissedResult,
  checkOf,
  checkResult,
  confirmAllResults,
  removeMissedResult,
  uncheckResult,
} from './tag-checks'

const intent: CallResult = { name: '客户意向等级', value: 'C级(无法判断)', desc: null }
const appointment: CallResult = { name: '预约时间', value: '周六上午', desc: null }

describe('checking the robot’s result tags', () => {
  it('confirms, corrects to a chosen or typed value, and resets a result', () => {
    let checks = checkResult([], intent, null)
    expect(checkOf(checks, intent)).toMatchObject({ status: 'confirmed', correctedValue: null })
    checks = checkResult(checks, intent, 'B级(一般)')
    expect(checks).toEqual([
      { name: '客户意向等级', robotValue: 'C级(无法判断)', status: 'corrected', correctedValue: 'B级(一般)' },
    ])
    // A free-valued tag takes whatever the reviewer types (trimmed).
    checks = checkResult(checks, appointment, ' 周日下午 ')
    expect(checkOf(checks, appointment)).toMatchObject({ status: 'corrected', correctedValue: '周日下午' })
    checks = uncheckResult(checks, intent)
    expect(checkOf(checks, intent)).toBeUndefined()
    expect(checks).toHaveLength(1)
    for (const check of checks) expect(tagCheckSchema.safeParse(check).success).toBe(true)
  })

  it('confirms every unchecked result in one step and keeps corrections', () => {
    const corrected = checkResult([], intent, 'A级(较强)')
    const all = confirmAllResults(corrected, [intent, appointment])
    expect(checkOf(all, intent)?.status).toBe('corrected')
    expect(checkOf(all, appointment)?.status).toBe('confirmed')
    expect(confirmAllResults(all, [intent, appointment])).toEqual(all)
  })

  it('records a result the robot missed, once, apart from the robot’s own results, and removes it', () => {
    let checks = addMissedResult([], '是否投诉', '是')
    checks = addMissedResult(checks, '是否投诉', '是')
    expect(checks).toEqual([{ name: '是否投诉', robotValue: '', status: 'missed', correctedValue: '是' }])
    expect(tagCheckSchema.safeParse(checks[0]).success).toBe(true)
    expect(addMissedResult(checks, ' ', '是')).toEqual(checks)
    expect(checkOf(checks, { name: '是否投诉', value: '' })).toBeUndefined()
    expect(removeMissedResult(checks, '是否投诉', '是')).toEqual([])
  })

  it('refuses a missed tag that claims a robot value, or has no value', () => {
    expect(
      tagCheckSchema.safeParse({ name: 'x', robotValue: 'y', status: 'missed', correctedValue: 'z' }).success,
    ).toBe(false)
    expect(
      tagCheckSchema.safeParse({ name: 'x', robotValue: '', status: 'missed', correctedValue: null }).success,
    ).toBe(false)
  })
})
