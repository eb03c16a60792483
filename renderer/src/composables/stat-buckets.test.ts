import { describe, expect, it } from 'vitest'
import { bucketRanges, parseBucket } from './stat-buckets'

describe('statistics buckets as ranges', () => {
  it("reads the simulator's and the document's duration buckets in seconds", () => {
    expect(parseBucket('<10s', 'duration')).toEqual({ max: 9 })
    expect(parseBucket('小于10秒', 'duration')).toEqual({ max: 9 })
    expect(parseBucket('10-50s', 'duration')).toEqual({ min: 10, max: 50 })
    expect(parseBucket('10-50秒', 'duration')).toEqual({ min: 10, max: 50 })
    expect(parseBucket('1-2min', 'duration')).toEqual({ min: 60, max: 120 })
    expect(parseBucket('1分钟-1分59秒', 'duration')).toEqual({ min: 60, max: 119 })
    expect(parseBucket('>=2min', 'duration')).toEqual({ min: 120 })
    expect(parseBucket('大于等于2分钟', 'duration')).toEqual({ min: 120 })
    expect(parseBucket('≥ 2 min', 'duration')).toEqual({ min: 120 })
    expect(parseBucket('>30s', 'duration')).toEqual({ min: 31 })
    expect(parseBucket('2分钟以上', 'duration')).toEqual({ min: 120 })
  })

  it('reads chat-round buckets, open-ended ones included', () => {
    expect(parseBucket('0-2次', 'chatRound')).toEqual({ min: 0, max: 2 })
    expect(parseBucket('7-9次', 'chatRound')).toEqual({ min: 7, max: 9 })
    expect(parseBucket('10次及以上', 'chatRound')).toEqual({ min: 10 })
    expect(parseBucket('0-9次', 'chatRound')).toEqual({ min: 0, max: 9 })
    expect(parseBucket('<3次', 'chatRound')).toEqual({ max: 2 })
    expect(parseBucket('5次', 'chatRound')).toEqual({ min: 5, max: 5 })
  })

  it('cannot read labels without numbers, with units of the other kind, or reversed ranges', () => {
    for (const label of ['未知', '其他', '', '长通话', '10-5s', '1-2次abc']) {
      expect(parseBucket(label, 'duration'), label).toBeNull()
    }
    expect(parseBucket('10-50s', 'chatRound')).toBeNull()
    expect(parseBucket('0-2次', 'duration')).toBeNull()
  })

  it("settles neighbours' edges so each whole number lands in exactly one bucket", () => {
    expect(bucketRanges(['<10s', '10-50s', '1-2min', '>=2min'], 'duration')).toEqual([
      { max: 9 },
      { min: 10, max: 59 },
      { min: 60, max: 119 },
      { min: 120 },
    ])
    expect(bucketRanges(['0-2次', '3-4次', '5-6次', '7-9次', '10次及以上'], 'chatRound')).toEqual([
      { min: 0, max: 2 },
      { min: 3, max: 4 },
      { min: 5, max: 6 },
      { min: 7, max: 9 },
      { min: 10 },
    ])
  })

  it('leaves a bucket it cannot read as null without disturbing the others', () => {
    expect(bucketRanges(['<10s', '其他', '>=2min'], 'duration')).toEqual([{ max: 9 }, null, { min: 120 }])
    // Not ascending: edges are left as read.
    expect(bucketRanges(['>=2min', '<10s'], 'duration')).toEqual([{ min: 120 }, { max: 9 }])
  })
})
