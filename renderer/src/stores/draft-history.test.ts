import { describe, expect, it } from 'vitest'
import { DraftHistory } from './draft-history'

/** A history on a clock the test moves. */
function history() {
  let now = 0
  const h = new DraftHistory(800, 3, () => now)
  return { h, later: (ms: number) => (now += ms) }
}

describe('undo and redo over a draft', () => {
  it('undoes and redoes each edit, and nothing before the loaded draft', () => {
    const { h, later } = history()
    h.reset('loaded')
    h.record('verdict pass')
    later(100)
    h.record('verdict fail') // a click right after another is still its own step
    expect(h.undo()).toBe('verdict pass')
    expect(h.undo()).toBe('loaded')
    expect(h.undo()).toBeNull()
    expect(h.redo()).toBe('verdict pass')
    expect(h.redo()).toBe('verdict fail')
    expect(h.redo()).toBeNull()
  })

  it('takes a burst of typing as one step', () => {
    const { h, later } = history()
    h.reset('')
    for (const text of ['价', '价格', '价格太', '价格太贵']) {
      h.record(text, 'text')
      later(100)
    }
    later(1000)
    h.record('价格太贵，要求回电', 'text') // a pause ends the burst
    expect(h.undo()).toBe('价格太贵')
    expect(h.undo()).toBe('')
  })

  it('forgets what was undone once a new edit is made', () => {
    const { h, later } = history()
    h.reset('a')
    h.record('b')
    later(1000)
    expect(h.undo()).toBe('a')
    h.record('c')
    expect(h.redo()).toBeNull()
    expect(h.canUndo).toBe(true)
  })

  it('keeps a bounded number of steps', () => {
    const { h, later } = history()
    h.reset('0')
    for (const state of ['1', '2', '3', '4', '5']) {
      h.record(state)
      later(1000)
    }
    expect([h.undo(), h.undo(), h.undo(), h.undo()]).toEqual(['4', '3', '2', null])
  })
})
