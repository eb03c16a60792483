// The review store opens a call with one request, and reads it again by itself when a sync ends:
// the draft and its undo history stay, a call that was not cached yet appears.
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { nextTick } from 'vue'
import type { Review, ReviewInput } from '@shared/contract'

const api = vi.hoisted(() => ({ open: vi.fn(), save: vi.fn() }))
vi.mock('../api', async () => ({
  ApiError: (await import('../api/client')).ApiError,
  callsApi: { open: api.open, query: vi.fn(), facets: vi.fn(), progress: vi.fn(), neighbour: vi.fn() },
  reviewsApi: { save: api.save },
  mediaApi: { recording: vi.fn() },
  syncApi: { status: vi.fn(), onProgress: vi.fn(() => () => undefined) },
  profilesApi: {},
  demoApi: {},
}))

const { useReviewStore } = await import('./review')
const { useSyncEndsStore } = await import('./sync-ends')

const opened = (transcript: string[], url: string | null) => ({
  call: { callInstanceId: 7, taskId: 1, results: [], transcript },
  review: null,
  error: null,
  resultDefs: [],
  full: url === null ? null : { url, peaks: null, durationMs: 1000 },
  hasCustomerTrack: false,
})

/** Lets the store's watchers and the answers they wait for settle. */
async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await nextTick()
  await new Promise((resolve) => setTimeout(resolve, 0))
}

describe('opening a call and reading it again after a sync', () => {
  beforeEach(() => {
    vi.clearAllMocks()
    setActivePinia(createPinia())
    api.save.mockImplementation(async (input: ReviewInput) => ({ ...input, updatedAt: 'now' }) as Review)
  })

  it('asks once for a call opened twice while it loads', async () => {
    api.open.mockResolvedValue(opened(['喂'], 'a.mp3'))
    const review = useReviewStore()
    await Promise.all([review.open(7), review.open(7)])
    expect(api.open).toHaveBeenCalledTimes(1)
  })

  it('keeps the draft, its undo history and the player when a sync ends and the transcript changed', async () => {
    api.open.mockResolvedValue(opened(['喂'], 'a.mp3'))
    const review = useReviewStore()
    await review.open(7)
    review.setVerdict('fail')
    const recording = review.recordings.full

    api.open.mockResolvedValue(opened(['喂', '您好'], 'a.mp3'))
    useSyncEndsStore().record()
    await settle()

    expect(api.open).toHaveBeenCalledTimes(2)
    expect(review.call?.call.transcript).toEqual(['喂', '您好'])
    expect(review.draft?.verdict).toBe('fail')
    expect(review.canUndo).toBe(true)
    expect(review.recordings.full).toBe(recording)
  })

  it('gives the player the new recording when a sync brought one', async () => {
    api.open.mockResolvedValue(opened(['喂'], null))
    const review = useReviewStore()
    await review.open(7)
    api.open.mockResolvedValue(opened(['喂'], 'fetched.mp3'))
    useSyncEndsStore().record()
    await settle()
    expect(review.recordings.full?.url).toBe('fetched.mp3')
  })

  it('keeps why a call could not be opened, and opens it once a sync has fetched it', async () => {
    const { ApiError } = await import('../api/client')
    api.open.mockRejectedValueOnce(new ApiError({ code: 'not_found', message: 'call 7 is not cached' }))
    const review = useReviewStore()
    await review.open(7)
    expect(review.openError).toMatchObject({ code: 'not_found' })
    expect(review.call).toBeNull()

    api.open.mockResolvedValue(opened(['喂'], 'a.mp3'))
    useSyncEndsStore().record()
    await settle()
    expect(review.openError).toBeNull()
    expect(review.call?.call.callInstanceId).toBe(7)
  })

  it('reads nothing after a sync once the call is left', async () => {
    api.open.mockResolvedValue(opened(['喂'], 'a.mp3'))
    const review = useReviewStore()
    await review.open(7)
    review.close()
    useSyncEndsStore().record()
    await settle()
    expect(api.open).toHaveBeenCalledTimes(1)
  })
})
