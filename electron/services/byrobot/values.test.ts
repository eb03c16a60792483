import { describe, expect, it } from 'vitest'
import { parseDurationSec, parseProperties, toBooleanOrNull, toNumberOrNull, toSpeaker, toStringOrNull } from './values'

describe('scalar conversions', () => {
  it.each([
    [87, 87],
    ['87', 87],
    ['27秒', 27],
    ['1分5秒', 65],
    ['1分钟5秒', 65],
    ['2分', 120],
    ['1小时2分3秒', 3723],
    ['90s', 90],
    ['01:05', 65],
    ['1:02:03', 3723],
    [' 11秒 ', 11],
    [0, 0],
  ])('reads the duration %j as %d seconds', (input, seconds) => {
    expect(parseDurationSec(input)).toBe(seconds)
  })

  it.each([null, undefined, '', '未知', 'abc秒', -3, '-3', Number.NaN, {}, true])(
    'treats the duration %j as unknown (null), never 0',
    (input) => {
      expect(parseDurationSec(input)).toBeNull()
    },
  )

  it('reads numbers sent as strings and keeps unreadable ones unknown', () => {
    expect(toNumberOrNull('2')).toBe(2)
    expect(toNumberOrNull(' 7 ')).toBe(7)
    expect(toNumberOrNull(3)).toBe(3)
    expect(toNumberOrNull(null)).toBeNull()
    expect(toNumberOrNull(undefined)).toBeNull()
    expect(toNumberOrNull('')).toBeNull()
    expect(toNumberOrNull('已完成')).toBeNull()
    expect(toNumberOrNull(Number.POSITIVE_INFINITY)).toBeNull()
  })

  it('keeps strings, turns numeric phones into strings, and nothing else', () => {
    expect(toStringOrNull('测试')).toBe('测试')
    expect(toStringOrNull('')).toBe('')
    expect(toStringOrNull(15900000000)).toBe('15900000000')
    expect(toStringOrNull(null)).toBeNull()
    expect(toStringOrNull({ a: 1 })).toBeNull()
  })

  it('reads aiUnknown as 0/1, true/false, or their strings', () => {
    expect([1, '1', true, 'true'].map(toBooleanOrNull)).toEqual([true, true, true, true])
    expect([0, '0', false, 'false'].map(toBooleanOrNull)).toEqual([false, false, false, false])
    expect([null, undefined, 2, 'yes'].map(toBooleanOrNull)).toEqual([null, null, null, null])
  })

  it('parses properties from a JSON string, and gives null (not a throw) for anything unusable', () => {
    expect(parseProperties('{}')).toEqual({})
    expect(parseProperties('{"订单号":"A-1","金额":12}')).toEqual({ 订单号: 'A-1', 金额: 12 })
    expect(parseProperties({ already: 'object' })).toEqual({ already: 'object' })
    expect(parseProperties('{"broken": ')).toBeNull()
    expect(parseProperties('[1,2]')).toBeNull()
    expect(parseProperties('"text"')).toBeNull()
    expect(parseProperties('')).toBeNull()
    expect(parseProperties(null)).toBeNull()
  })

  it('maps speakers: AI → ai; ME, USER, customer → customer; anything else → other', () => {
    expect(['AI', 'ai', '机器人'].map(toSpeaker)).toEqual(['ai', 'ai', 'ai'])
    expect(['ME', 'USER', 'customer', 'Customer'].map(toSpeaker)).toEqual(Array(4).fill('customer'))
    expect(['AGENT', '', null, 3].map(toSpeaker)).toEqual(Array(4).fill('other'))
  })
})
