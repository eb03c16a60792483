import { describe, expect, it } from 'vitest'
import { formatClock, formatClockTenths } from './format-time'

describe('player clock labels', () => {
  it('read minutes and seconds, with tenths for the playhead', () => {
    expect(formatClock(0)).toBe('00:00')
    expect(formatClock(65_432)).toBe('01:05')
    expect(formatClockTenths(65_432)).toBe('01:05.4')
  })

  it('never run ahead of the audio', () => {
    expect(formatClockTenths(59_999)).toBe('00:59.9')
    expect(formatClock(59_999)).toBe('00:59')
  })

  it('keep counting minutes past an hour and survive nonsense', () => {
    expect(formatClock(75 * 60_000)).toBe('75:00')
    expect(formatClock(-5)).toBe('00:00')
    expect(formatClockTenths(Number.NaN)).toBe('00:00.0')
  })
})
