// The calls store's N / P and progress: a neighbour is asked of the whole list (not the rows
// loaded), moves the list's selection to it, and a stored verdict updates its row and the counts.
// Its blocks: those far from the view are dropped and fetched again when they come back.
import fc from 'fast-check'
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { CallFilterInput, CallRow, CallSortInput, Review, ReviewInput } from '@shared/contract'

const api = vi.hoisted(() => ({
  query: vi.fn(),
  facets: vi.fn(),
  progress: vi.fn(),
  neighbour: vi.fn(),
  open: vi.fn(),
  save: vi.fn(),
}))
vi.mock('../api', () => ({
  callsApi: { query: api.query, facets: api.facets, progress: api.progress, neighbour: api.neighbour, open: api.open },
  reviewsApi: { save: api.save },
  mediaApi: { recording: vi.fn() },
  syncApi: { status: vi.fn(), onProgress: vi.fn(() => () => undefined) },
  profilesApi: {},
  demoApi: {},
}))

const { useCallsStore } = await import('./calls')
const { BLOCK, KEEP_AROUND } = await import('./call-blocks')
const { useReviewStore } = await import('./review')

const row = (callInstanceId: number): CallRow =>
  ({
    callInstanceId,
    taskId: 1,
    verdict: null,
    reviewed: false,
    reviewUpdatedAt: null,
    results: [],
  }) as unknown as CallRow
const FILTER: CallFilterInput = { taskId: 1, reviewState: 'unreviewed' }
const SORT: CallSortInput = { field: 'durationSec', direction: 'asc' }

describe('calls store', () => {
  beforeEach(() => {
    vi.clearAllMocks()
    setActivePinia(createPinia())
    // A list of 450 calls of which only the first block (200 rows) is loaded.
    api.query.mockImplementation(async (_f: unknown, _s: unknown, offset: number, limit: number) => ({
      rows: Array.from({ length: Math.min(limit, 450 - offset) }, (_, i) => row(1000 + offset + i)),
      total: 450,
    }))
    api.facets.mockResolvedValue({ total: 450, results: [] })
    api.progress.mockResolvedValue({ reviewed: 3, total: 450 })
  })

  it('asks the whole list for the call after the last loaded row, and selects it there', async () => {
    const store = useCallsStore()
    await store.apply(FILTER, SORT)
    expect(store.rows.size).toBe(200)
    expect(store.progress).toEqual({ reviewed: 3, total: 450 })
    api.neighbour.mockResolvedValue({ callInstanceId: 1200, position: 200 })
    const next = await store.neighbour(FILTER, SORT, 1199, 'next')
    expect(api.neighbour).toHaveBeenCalledWith(FILTER, SORT, 1199, 'next')
    expect(next).toEqual({ callInstanceId: 1200, position: 200 })
    expect(store.selectedIndex).toBe(200)
  })

  it('asks for the next call with a problem in the same list, and selects it there', async () => {
    const store = useCallsStore()
    await store.apply(FILTER, SORT)
    api.neighbour.mockResolvedValue({ callInstanceId: 1317, position: 317 })
    expect(await store.neighbour(FILTER, SORT, 1002, 'next', true)).toEqual({ callInstanceId: 1317, position: 317 })
    expect(api.neighbour).toHaveBeenCalledWith(FILTER, SORT, 1002, 'next', true)
    expect(store.selectedIndex).toBe(317)
  })

  it('leaves the selection where it was at the end of the list, or for another list than the one shown', async () => {
    const store = useCallsStore()
    await store.apply(FILTER, SORT)
    store.selectedIndex = 449
    api.neighbour.mockResolvedValue(null)
    expect(await store.neighbour(FILTER, SORT, 1449, 'next')).toBeNull()
    expect(store.selectedIndex).toBe(449)
    api.neighbour.mockResolvedValue({ callInstanceId: 7, position: 3 })
    await store.neighbour({}, SORT, 1449, 'next')
    expect(store.selectedIndex).toBe(449)
  })

  it('keeps the selection and scroll when the same list is loaded again, not for another filter', async () => {
    const store = useCallsStore()
    await store.apply(FILTER, SORT)
    store.selectedIndex = 57
    store.scrollTop = 2400
    // The segment of a long list the table holds (list-segment.ts) is part of where it was left.
    store.segmentStart = 300
    await store.apply({ ...FILTER }, { ...SORT })
    expect([store.selectedIndex, store.scrollTop, store.segmentStart]).toEqual([57, 2400, 300])
    await store.apply({ taskId: 2 }, SORT)
    expect([store.selectedIndex, store.scrollTop, store.segmentStart]).toEqual([0, 0, 0])
  })

  it('marks a row reviewed and counts again when a verdict is stored, but not for a note edit', async () => {
    const store = useCallsStore()
    const review = useReviewStore()
    await store.apply(FILTER, SORT)
    api.open.mockResolvedValue({
      call: { callInstanceId: 1005, taskId: 1 },
      review: null,
      resultDefs: [],
      full: null,
      hasCustomerTrack: false,
    })
    api.save.mockImplementation(
      async (input: ReviewInput) => ({ ...input, updatedAt: '2026-03-01T00:00:00.000Z' }) as Review,
    )
    await review.open(1005)
    api.progress.mockClear()
    api.progress.mockResolvedValue({ reviewed: 4, total: 450 })

    review.draft!.verdict = 'fail'
    await review.flush()
    await vi.waitFor(() => expect(store.progress).toEqual({ reviewed: 4, total: 450 }))
    expect(store.rows.get(5)).toMatchObject({ callInstanceId: 1005, verdict: 'fail', reviewed: true })
    expect(api.progress).toHaveBeenCalledTimes(1)
    expect(api.progress).toHaveBeenCalledWith(FILTER)

    review.draft!.text = '只改了备注'
    await review.flush()
    expect(api.save).toHaveBeenCalledTimes(2)
    expect(api.progress).toHaveBeenCalledTimes(1)
  })
})

describe('calls store blocks', () => {
  /** The list's length; each row's call id is 1000 + its index, so a row in the wrong place shows. */
  let listLength = 0
  const VIEW = 20 // rows a table window shows
  // The blocks on screen (at most 2 for a 20-row view), a margin each side, and the selected row's.
  const MOST_ROWS = (2 + 2 * KEEP_AROUND + 1) * BLOCK

  beforeEach(() => {
    vi.clearAllMocks()
    setActivePinia(createPinia())
    api.query.mockImplementation(async (_f: unknown, _s: unknown, offset: number, limit: number) => ({
      rows: Array.from({ length: Math.max(0, Math.min(limit, listLength - offset)) }, (_, i) => row(1000 + offset + i)),
      total: listLength,
    }))
    api.facets.mockResolvedValue({ total: listLength, results: [] })
    api.progress.mockResolvedValue({ reviewed: 0, total: listLength })
  })

  /** Every row held sits at its own index. */
  const expectRowsInPlace = (rows: Map<number, CallRow>) => {
    const misplaced = [...rows].filter(([index, held]) => held.callInstanceId !== 1000 + index)
    expect(misplaced).toEqual([])
  }
  const offsetsAsked = () => api.query.mock.calls.map((call) => call[2] as number)

  it('holds a bounded window of rows while a million-call list is scrolled end to end', async () => {
    listLength = 1_000_000
    const store = useCallsStore()
    await store.apply(FILTER, SORT)
    let most = 0
    for (let top = 0; top < listLength; top += 5 * BLOCK) {
      await store.ensureRange(top, Math.min(listLength, top + VIEW))
      most = Math.max(most, store.rows.size)
      expect(store.rowAt(top)?.callInstanceId).toBe(1000 + top)
    }
    await store.ensureRange(listLength - VIEW, listLength)
    expect(store.rowAt(listLength - 1)?.callInstanceId).toBe(1000 + listLength - 1)
    expect(most).toBeLessThanOrEqual(MOST_ROWS)
    // The start of the list is gone, but for the selected row's block (row 0 is selected).
    expect(store.rows.has(0)).toBe(true)
    expect(store.rows.has(BLOCK)).toBe(false)
    expect(store.rows.has(500_000)).toBe(false)
    expectRowsInPlace(store.rows)
  })

  it('fetches a dropped block again when the view comes back to it, with the same rows', async () => {
    listLength = 100_000
    const store = useCallsStore()
    await store.apply(FILTER, SORT)
    await store.ensureRange(3 * BLOCK, 3 * BLOCK + VIEW)
    expect(store.rowAt(3 * BLOCK + 5)?.callInstanceId).toBe(1000 + 3 * BLOCK + 5)
    await store.ensureRange(90_000, 90_000 + VIEW)
    expect(store.rows.has(3 * BLOCK + 5)).toBe(false)
    api.query.mockClear()
    await store.ensureRange(3 * BLOCK, 3 * BLOCK + VIEW)
    expect(offsetsAsked()).toEqual([3 * BLOCK])
    expect(store.rowAt(3 * BLOCK + 5)?.callInstanceId).toBe(1000 + 3 * BLOCK + 5)
    // Kept blocks are not asked again: a small scroll back costs nothing.
    api.query.mockClear()
    await store.ensureRange(3 * BLOCK + 100, 3 * BLOCK + 100 + VIEW)
    await store.ensureRange(3 * BLOCK, 3 * BLOCK + VIEW)
    expect(api.query).not.toHaveBeenCalled()
  })

  it("keeps the selected row's block while the view is far from it, for ↵ and the claim controls", async () => {
    listLength = 100_000
    const store = useCallsStore()
    await store.apply(FILTER, SORT)
    await store.ensureRange(40_000, 40_000 + VIEW)
    store.selectedIndex = 40_007
    await store.ensureRange(80_000, 80_000 + VIEW)
    expect(store.rowAt(40_007)?.callInstanceId).toBe(41_007)
    expect(store.rows.has(40_000 + BLOCK * (KEEP_AROUND + 1))).toBe(false)
    // The selection moved on (N on the review page, a click): the old block may go.
    store.selectedIndex = 80_003
    await store.ensureRange(80_000, 80_000 + VIEW)
    expect(store.rows.has(40_007)).toBe(false)
  })

  it('does not keep a block that arrives after the view has moved far from it', async () => {
    listLength = 100_000
    const store = useCallsStore()
    await store.apply(FILTER, SORT)
    let release: () => void = () => undefined
    const held = new Promise<void>((resolve) => (release = resolve))
    const answer = api.query.getMockImplementation()!
    api.query.mockImplementationOnce(async (...args: unknown[]) => {
      await held
      return answer(...args)
    })
    const slow = store.ensureRange(50_000, 50_000 + VIEW)
    await store.ensureRange(99_000, 99_000 + VIEW)
    release()
    await slow
    expect(store.rows.has(50_000)).toBe(false)
    // Nor does it count as loaded: coming back asks for it again.
    api.query.mockClear()
    await store.ensureRange(50_000, 50_000 + VIEW)
    expect(offsetsAsked()).toEqual([50_000])
    expect(store.rowAt(50_000)?.callInstanceId).toBe(51_000)
  })

  it('after any sequence of jumps, holds the rows on screen, each in its place, and never more than the window', async () => {
    listLength = 1_000_000
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ top: fc.integer({ min: 0, max: listLength - VIEW }), select: fc.boolean() }), {
          minLength: 1,
          maxLength: 30,
        }),
        async (jumps) => {
          setActivePinia(createPinia())
          const store = useCallsStore()
          await store.apply(FILTER, SORT)
          for (const { top, select } of jumps) {
            if (select) store.selectedIndex = top + 3
            await store.ensureRange(top, top + VIEW)
            expect(store.rowAt(top)?.callInstanceId).toBe(1000 + top)
            expect(store.rowAt(top + VIEW - 1)?.callInstanceId).toBe(1000 + top + VIEW - 1)
            expect(store.rows.size).toBeLessThanOrEqual(MOST_ROWS)
            expectRowsInPlace(store.rows)
          }
        },
      ),
      { numRuns: 40 },
    )
  })

  it('reads the rows the reviewer had scrolled to again when a sync reloads the same list', async () => {
    listLength = 100_000
    const store = useCallsStore()
    await store.apply(FILTER, SORT)
    await store.ensureRange(60_000, 60_000 + VIEW)
    api.query.mockClear()
    await store.reload()
    await vi.waitFor(() => expect(store.rowAt(60_000)?.callInstanceId).toBe(61_000))
    expect(offsetsAsked()).toEqual([0, 60_000])
  })
})
