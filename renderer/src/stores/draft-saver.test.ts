import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { DraftSaver, type DraftSaveState } from './draft-saver'

interface Draft {
  callInstanceId: number
  text: string
}

/** A saver over a "main" the test makes fail, recording what was stored and every state told. */
function setUp(failures: { count: number; error?: () => unknown }) {
  const stored = new Map<number, string>()
  const states: [number, DraftSaveState][] = []
  const saver = new DraftSaver<Draft>({
    save: async (draft) => {
      if (failures.count > 0) {
        failures.count--
        throw failures.error?.() ?? new Error('HTTP 500')
      }
      stored.set(draft.callInstanceId, draft.text)
    },
    onState: (id, state) => states.push([id, state]),
    minDelayMs: 100,
    maxDelayMs: 1000,
  })
  return { saver, stored, states }
}

describe('unsaved review drafts', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  it('stores a draft at once when main answers', async () => {
    const { saver, stored, states } = setUp({ count: 0 })
    saver.put({ callInstanceId: 1, text: 'a' })
    await vi.runAllTimersAsync()
    expect(stored.get(1)).toBe('a')
    expect(saver.hasUnsaved()).toBe(false)
    expect(states).toEqual([
      [1, 'saving'],
      [1, 'saved'],
    ])
  })

  it('keeps a draft whose save fails, says so, and retries with backoff until it is stored', async () => {
    const { saver, stored, states } = setUp({ count: 3 })
    saver.put({ callInstanceId: 1, text: '价格太贵' })
    await vi.advanceTimersByTimeAsync(0)
    expect(saver.unsaved(1)).toEqual({ callInstanceId: 1, text: '价格太贵' })
    expect(states.at(-1)).toEqual([1, 'retrying'])
    await vi.runAllTimersAsync()
    expect(stored.get(1)).toBe('价格太贵')
    expect(saver.unsaved(1)).toBeNull()
    expect(states.at(-1)).toEqual([1, 'saved'])
    expect(states.filter(([, s]) => s === 'retrying')).toHaveLength(3)
  })

  it('never drops the draft of a call left while its save keeps failing', async () => {
    const { saver, stored } = setUp({ count: 5 })
    saver.put({ callInstanceId: 1, text: 'first call' })
    await vi.advanceTimersByTimeAsync(50)
    saver.put({ callInstanceId: 2, text: 'second call' })
    await vi.runAllTimersAsync()
    expect(stored).toEqual(
      new Map([
        [1, 'first call'],
        [2, 'second call'],
      ]),
    )
  })

  it('saves the newest edit, not the one it was retrying', async () => {
    const { saver, stored } = setUp({ count: 1 })
    saver.put({ callInstanceId: 1, text: 'old' })
    await vi.advanceTimersByTimeAsync(0)
    saver.put({ callInstanceId: 1, text: 'new' })
    await vi.runAllTimersAsync()
    expect(stored.get(1)).toBe('new')
    expect(saver.hasUnsaved()).toBe(false)
  })

  it('flush tries at once instead of waiting out the backoff, and says whether all is stored', async () => {
    const failures = { count: 2 }
    const { saver, stored } = setUp(failures)
    saver.put({ callInstanceId: 1, text: 'a' })
    await vi.advanceTimersByTimeAsync(0)
    const flushed = saver.flush(undefined, 10_000)
    await vi.advanceTimersByTimeAsync(0)
    // The second attempt (made by flush, not after 100 ms) failed too; the third comes after backoff.
    await vi.runAllTimersAsync()
    expect(await flushed).toBe(true)
    expect(stored.get(1)).toBe('a')

    failures.count = Number.POSITIVE_INFINITY
    saver.put({ callInstanceId: 1, text: 'b' })
    const gaveUp = saver.flush(1, 3000)
    await vi.advanceTimersByTimeAsync(3000)
    expect(await gaveUp).toBe(false)
    expect(saver.unsaved(1)).toEqual({ callInstanceId: 1, text: 'b' })
  })

  it('sends a draft once, though flushed while its save is on its way', async () => {
    vi.useRealTimers()
    let calls = 0
    let answer!: () => void
    const saver = new DraftSaver<Draft>({
      save: () => (calls++, new Promise<void>((resolve) => (answer = resolve))),
      onState: () => undefined,
    })
    saver.put({ callInstanceId: 1, text: 'a' })
    const flushed = saver.flush()
    await Promise.resolve()
    answer()
    expect(await flushed).toBe(true)
    expect(calls).toBe(1)
  })

  it('keeps retrying, slowly, after an error p-retry would not retry (a bug, not the network)', async () => {
    const failures = { count: 2, error: () => new TypeError("Cannot read properties of undefined (reading 'x')") }
    const { saver, stored } = setUp(failures)
    saver.put({ callInstanceId: 1, text: 'a' })
    await vi.runAllTimersAsync()
    expect(stored.get(1)).toBe('a')
  })
})
