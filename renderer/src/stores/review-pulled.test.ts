// Team mode: another device's edit of the call under review arrives. A draft with nothing unsaved
// becomes the stored review; a draft with unsaved edits keeps them and saves them together with
// the other device's fields, so its save never undoes the other device's edit.
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { nextTick } from 'vue'
import type { Review, ReviewInput } from '@shared/contract'

const api = vi.hoisted(() => ({ open: vi.fn(), save: vi.fn(), get: vi.fn(), journal: vi.fn() }))
vi.mock('../api', async () => ({
  ApiError: (await import('../api/client')).ApiError,
  callsApi: { open: api.open, query: vi.fn(), facets: vi.fn(), progress: vi.fn(), neighbour: vi.fn() },
  reviewsApi: { save: api.save, get: api.get, journal: api.journal, pending: vi.fn(async () => []) },
  mediaApi: { recording: vi.fn() },
  syncApi: { status: vi.fn(), onProgress: vi.fn(() => () => undefined) },
  teamApi: {},
  profilesApi: {},
  demoApi: {},
}))

const { useReviewStore } = await import('./review')
const { useTeamStore } = await import('./team')

const stored = (fields: Partial<Review>): Review => ({
  callInstanceId: 7,
  verdict: null,
  score: null,
  tags: [],
  text: '',
  comments: [],
  tagChecks: [],
  updatedAt: '2026-12-05T00:00:00.000Z',
  ...fields,
})
const opened = (review: Review | null) => ({
  call: { callInstanceId: 7, taskId: 1, results: [], transcript: [] },
  review,
  error: null,
  resultDefs: [],
  full: null,
  hasCustomerTrack: false,
  pendingDraft: null,
})

/** Lets the store's watchers and the answers they wait for settle. */
async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await nextTick()
  await new Promise((resolve) => setTimeout(resolve, 0))
}

/** Another device's edit of call 7 arrives: main has merged it into the stored review. */
async function pulled(review: Review): Promise<void> {
  api.get.mockResolvedValue(review)
  useTeamStore().reviewsChanged = { callIds: [7] }
  await settle()
}

describe('another device’s edit of the call under review', () => {
  beforeEach(() => {
    vi.clearAllMocks()
    setActivePinia(createPinia())
    api.save.mockImplementation(async (input: ReviewInput) => ({ ...stored({}), ...input, updatedAt: 'now' }) as Review)
    api.journal.mockResolvedValue({ kept: true })
  })

  it('replaces a draft with nothing unsaved, without saving it again or leaving an undo step back', async () => {
    api.open.mockResolvedValue(opened(stored({ verdict: 'pass', text: '旧笔记' })))
    const review = useReviewStore()
    await review.open(7)
    // Fake timers from here: an autosave the pull set off would run within these two seconds.
    vi.useFakeTimers()
    try {
      api.get.mockResolvedValue(stored({ verdict: 'fail', text: '另一台写的' }))
      useTeamStore().reviewsChanged = { callIds: [7] }
      await vi.advanceTimersByTimeAsync(2000)
    } finally {
      vi.useRealTimers()
    }
    expect(review.draft).toMatchObject({ verdict: 'fail', text: '另一台写的' })
    expect(review.saveState).toBe('saved')
    expect(review.canUndo).toBe(false)
    expect(api.save).not.toHaveBeenCalled()
  })

  it('keeps unsaved edits made here and saves them with the other device’s fields', async () => {
    api.open.mockResolvedValue(opened(stored({ verdict: 'pass', text: '旧笔记' })))
    const review = useReviewStore()
    await review.open(7)
    review.setText('我正在写')
    await pulled(stored({ verdict: 'fail', text: '另一台写的' }))
    expect(review.draft).toMatchObject({ verdict: 'fail', text: '我正在写' })
    await vi.waitFor(
      () =>
        expect(api.save).toHaveBeenLastCalledWith(
          expect.objectContaining({ callInstanceId: 7, verdict: 'fail', text: '我正在写' }),
          expect.anything(),
        ),
      { timeout: 3000 },
    )
  })

  it('leaves another call’s draft alone', async () => {
    api.open.mockResolvedValue(opened(stored({ verdict: 'pass' })))
    const review = useReviewStore()
    await review.open(7)
    api.get.mockResolvedValue(stored({ callInstanceId: 8, verdict: 'fail' }))
    useTeamStore().reviewsChanged = { callIds: [8] }
    await settle()
    expect(api.get).not.toHaveBeenCalled()
    expect(review.draft?.verdict).toBe('pass')
  })
})
