import { describe, expect, it } from 'vitest'
import { formatLocalDateTime } from './useFormat'

describe('formatLocalDateTime', () => {
  it('writes a local moment as YYYY-MM-DD HH:mm:ss with two-digit fields', () => {
    const moment = new Date(2026, 0, 5, 7, 8, 9)
    expect(formatLocalDateTime(moment)).toBe('2026-01-05 07:08:09')
    expect(formatLocalDateTime(moment.getTime())).toBe('2026-01-05 07:08:09')
    expect(formatLocalDateTime(moment.toISOString())).toBe('2026-01-05 07:08:09')
  })

  it('shows a dash for a moment it cannot read', () => {
    expect(formatLocalDateTime('not a date')).toBe('—')
  })
})
