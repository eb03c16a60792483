import type { DraftStamp } from '@shared/contract'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ApiError } from '../api/client'
import { TransportError } from '../api/transport'
import { DraftJournal } from './draft-journal'

interface Draft {
  callInstanceId: number
  text: string
}

/** A journal over a "main" that answers when the test says, recording every edit sent. */
function setUp() {
  const sent: [number, string, number][] = []
  const answers: { resolve(): void; reject(error: unknown): void }[] = []
  const journal = new DraftJournal<Draft>({
    send: (draft, stamp: DraftStamp) => {
      sent.push([draft.callInstanceId, draft.text, stamp.revision])
      return new Promise<void>((resolve, reject) => answers.push({ resolve, reject }))
    },
    minDelayMs: 100,
    maxDelayMs: 400,
  })
  return { journal, sent, answers }
}

describe('the draft journal’s sender', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  it('sends every edit at once, stamped with this page’s editor and a growing revision', () => {
    const { journal, sent } = setUp()
    const first = journal.record({ callInstanceId: 1, text: 'a' })
    const second = journal.record({ callInstanceId: 2, text: 'b' })
    expect(sent).toEqual([
      [1, 'a', 1],
      [2, 'b', 2],
    ])
    expect(first.editor).toMatch(/^[A-Za-z0-9-]{1,64}$/)
    expect(second).toEqual({ editor: first.editor, revision: 2 })
    expect(new DraftJournal<Draft>({ send: async () => undefined }).editor).not.toBe(first.editor)
  })

  it('keeps one request per call on its way, and sends only the latest edit made meanwhile', async () => {
    const { journal, sent, answers } = setUp()
    journal.record({ callInstanceId: 1, text: '客' })
    journal.record({ callInstanceId: 1, text: '客户' })
    journal.record({ callInstanceId: 1, text: '客户嫌' })
    expect(sent).toEqual([[1, '客', 1]])
    answers[0]!.resolve()
    await vi.advanceTimersByTimeAsync(0)
    expect(sent).toEqual([
      [1, '客', 1],
      [1, '客户嫌', 3],
    ])
    answers[1]!.resolve()
    const settled = journal.settled()
    await vi.advanceTimersByTimeAsync(0)
    await settled
    expect(sent).toHaveLength(2)
  })

  it('sends an edit again, with backoff, while main cannot be reached; a newer edit goes at once', async () => {
    const { journal, sent, answers } = setUp()
    journal.record({ callInstanceId: 1, text: 'a' })
    answers[0]!.reject(new TransportError('fetch failed'))
    await vi.advanceTimersByTimeAsync(99)
    expect(sent).toHaveLength(1)
    await vi.advanceTimersByTimeAsync(1)
    expect(sent.at(-1)).toEqual([1, 'a', 1])
    answers[1]!.reject(new TransportError('fetch failed'))
    await vi.advanceTimersByTimeAsync(50)
    journal.record({ callInstanceId: 1, text: 'ab' })
    await vi.advanceTimersByTimeAsync(0)
    expect(sent.at(-1)).toEqual([1, 'ab', 2])
    answers[2]!.resolve()
    await vi.runAllTimersAsync()
    expect(sent).toHaveLength(3)
  })

  it('does not send again an edit main refused (the save of it shows why)', async () => {
    const { journal, sent, answers } = setUp()
    journal.record({ callInstanceId: 1, text: 'x' })
    answers[0]!.reject(
      new ApiError({ code: 'invalid_input', message: 'reviews.journal: text too long', details: null }),
    )
    await vi.runAllTimersAsync()
    expect(sent).toHaveLength(1)
  })
})
