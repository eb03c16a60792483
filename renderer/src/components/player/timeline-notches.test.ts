import { describe, expect, it } from 'vitest'
import { notchInterval, timelineNotches } from './timeline-notches'

describe('the timeline under the waveform', () => {
  it('draws only the notches of the window asked for, however long the call', () => {
    const notches = timelineNotches(1795.5, 1830, 3600, 50)
    expect(notches[0]).toEqual({ sec: 1795, kind: 'secondary' })
    expect(notches.at(-1)).toEqual({ sec: 1829, kind: 'tick' })
    expect(notches).toHaveLength(35)
    expect(notches.filter((n) => n.kind === 'primary').map((n) => n.sec)).toEqual([1800, 1810, 1820])
  })

  it('spaces the notches wider as the zoom shrinks, and labels fewer of them', () => {
    expect([50, 25, 10, 5, 2, 1, 0.1].map(notchInterval)).toEqual([1, 1, 5, 5, 15, 60, 300])
    const wide = timelineNotches(0, 3600, 3600, 10)
    expect(wide).toHaveLength(720)
    expect(wide.slice(0, 7).map((n) => n.kind)).toEqual([
      'primary',
      'tick',
      'secondary',
      'tick',
      'secondary',
      'tick',
      'primary',
    ])
  })

  it('stops at the end of the call and draws nothing without a length or a scale', () => {
    expect(timelineNotches(55, 80, 60, 50).map((n) => n.sec)).toEqual([55, 56, 57, 58, 59])
    expect(timelineNotches(0, 10, 0, 50)).toEqual([])
    expect(timelineNotches(0, 10, 10, 0)).toEqual([])
  })
})
