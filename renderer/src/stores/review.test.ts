// The review store's verbs: every change of the draft goes through one of them, is saved, and can
// be undone step by step.
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { Review, ReviewInput } from '@shared/contract'

const api = vi.hoisted(() => ({ open: vi.fn(), save: vi.fn() }))
vi.mock('../api', () => ({
  callsApi: { open: api.open, query: vi.fn(), facets: vi.fn(), progress: vi.fn(), neighbour: vi.fn() },
  reviewsApi: { save: api.save },
  mediaApi: { recording: vi.fn() },
  syncApi: { status: vi.fn(), onProgress: vi.fn(() => () => undefined) },
  profilesApi: {},
  demoApi: {},
}))

const { useReviewStore } = await import('./review')

const intent = { name: '客户意向等级', value: 'C级(无法判断)', desc: null }

describe('the review store’s verbs', () => {
  beforeEach(async () => {
    vi.clearAllMocks()
    setActivePinia(createPinia())
    api.open.mockResolvedValue({
      call: { callInstanceId: 7, taskId: 1, results: [intent] },
      review: null,
      resultDefs: [{ name: intent.name, values: ['A级(较强)', 'B级(一般)', 'C级(无法判断)'] }],
      full: null,
      hasCustomerTrack: false,
    })
    api.save.mockImplementation(async (input: ReviewInput) => ({ ...input, updatedAt: 'now' }) as Review)
  })

  it('changes the draft only through its verbs, and stores every change', async () => {
    const review = useReviewStore()
    await review.open(7)
    review.setVerdict('fail')
    review.setScore(60)
    review.setText('客户拒绝后仍在推销')
    review.addTag('话术问题')
    review.addTag('话术问题 ')
    review.addComment({ atMs: 2400.4, lineIndex: 1, text: ' 这里应当结束通话 ' })
    review.addComment({ atMs: 900, lineIndex: 0, text: '   ' })
    review.correctIntent('B')
    expect(await review.flush()).toBe(true)
    const saved = api.save.mock.calls.at(-1)![0] as ReviewInput
    expect(saved).toMatchObject({
      callInstanceId: 7,
      verdict: 'fail',
      score: 60,
      text: '客户拒绝后仍在推销',
      tags: ['话术问题'],
      tagChecks: [{ name: intent.name, robotValue: intent.value, status: 'corrected', correctedValue: 'B级(一般)' }],
    })
    expect(saved.comments).toEqual([expect.objectContaining({ atMs: 2400, lineIndex: 1, text: '这里应当结束通话' })])

    review.removeComment(saved.comments![0]!.id)
    review.removeTag('话术问题')
    expect(review.draft).toMatchObject({ comments: [], tags: [] })
  })

  it('undoes a removed comment, and redoes the removal', async () => {
    const review = useReviewStore()
    await review.open(7)
    review.addComment({ atMs: 1000, lineIndex: null, text: '第一条' })
    const id = review.draft!.comments[0]!.id
    review.removeComment(id)
    expect(review.draft!.comments).toEqual([])
    expect(review.undo()).toBe(true)
    expect(review.draft!.comments.map((c) => c.text)).toEqual(['第一条'])
    expect(review.redo()).toBe(true)
    expect(review.draft!.comments).toEqual([])
    expect(review.canRedo).toBe(false)
  })

  it('adds a range comment start first, a range too short to hear as a moment, and edits text and category', async () => {
    const review = useReviewStore()
    await review.open(7)
    review.addComment({ atMs: 8000.6, endMs: 5000.2, lineIndex: 2, text: '抢话', category: '抢话' })
    review.addComment({ atMs: 1000, endMs: 1100, lineIndex: 0, text: '', category: '识别错误' })
    review.addComment({ atMs: 2000, endMs: 3000, lineIndex: 0, text: ' ', category: null })
    expect(review.draft!.comments.map(({ atMs, endMs, category }) => ({ atMs, endMs, category }))).toEqual([
      { atMs: 1000, endMs: null, category: '识别错误' },
      { atMs: 5000, endMs: 8001, category: '抢话' },
    ])
    const id = review.draft!.comments[1]!.id
    review.editComment(id, { text: ' 机器人打断客户 ', category: '话术问题' })
    expect(review.draft!.comments[1]).toMatchObject({
      atMs: 5000,
      endMs: 8001,
      text: '机器人打断客户',
      category: '话术问题',
    })
    expect(review.undo()).toBe(true)
    expect(review.draft!.comments[1]).toMatchObject({ text: '抢话', category: '抢话' })
  })
})
