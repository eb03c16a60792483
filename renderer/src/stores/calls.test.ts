// The calls store's N / P and progress: a neighbour is asked of the whole list (not the rows
// loaded), moves the list's selection to it, and a stored verdict updates its row and the counts.
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
    await store.apply({ ...FILTER }, { ...SORT })
    expect([store.selectedIndex, store.scrollTop]).toEqual([57, 2400])
    await store.apply({ taskId: 2 }, SORT)
    expect([store.selectedIndex, store.scrollTop]).toEqual([0, 0])
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
