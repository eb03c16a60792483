// The review store's verbs: every change of the draft goes through one of them, is saved, and can
// be undone step by step.
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { DraftStamp, Review, ReviewInput } from '@shared/contract'

const api = vi.hoisted(() => ({ open: vi.fn(), save: vi.fn(), journal: vi.fn(), pending: vi.fn() }))
vi.mock('../api', () => ({
  callsApi: { open: api.open, query: vi.fn(), facets: vi.fn(), progress: vi.fn(), neighbour: vi.fn() },
  reviewsApi: { save: api.save, journal: api.journal, pending: api.pending },
  mediaApi: { recording: vi.fn() },
  syncApi: { status: vi.fn(), onProgress: vi.fn(() => () => undefined) },
  profilesApi: {},
  demoApi: {},
}))

const { useReviewStore } = await import('./review')
const { useProfilesStore } = await import('./profiles')
const { useStoredReviewStore } = await import('./stored-review')

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
    api.journal.mockResolvedValue({ kept: true })
    api.pending.mockResolvedValue([])
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

  it('tells the lists of each review stored, with its task, and whether its verdict changed', async () => {
    const review = useReviewStore()
    const lists = useStoredReviewStore()
    await review.open(7)
    review.setVerdict('fail')
    expect(await review.flush()).toBe(true)
    expect(lists.latest).toMatchObject({
      review: { callInstanceId: 7, verdict: 'fail' },
      taskId: 1,
      verdictChanged: true,
    })
    review.setText('只改了笔记')
    expect(await review.flush()).toBe(true)
    expect(lists.latest).toMatchObject({ review: { text: '只改了笔记' }, verdictChanged: false })
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

  it('hands every edit to main’s journal at once, and saves the latest edit with its stamp', async () => {
    const review = useReviewStore()
    await review.open(7)
    review.setText('客')
    review.setText('客户')
    review.setVerdict('pass')
    // The first edit goes at once, not after the debounce; those made while it is on its way wait,
    // and only the latest of them follows.
    const sent = () => api.journal.mock.calls.map(([draft, stamp]) => [draft.text, draft.verdict, stamp.revision])
    expect(sent()).toEqual([['客', null, 1]])
    expect(api.save).not.toHaveBeenCalled()
    expect(await review.flush()).toBe(true)
    expect(sent()).toEqual([
      ['客', null, 1],
      ['客户', 'pass', 3],
    ])
    expect(api.save).toHaveBeenCalledTimes(1)
    const [saved, stamp] = api.save.mock.calls[0]! as [ReviewInput, DraftStamp]
    expect(saved).toMatchObject({ text: '客户', verdict: 'pass' })
    expect(stamp).toEqual(api.journal.mock.calls[1]![1])
  })

  it('shows the draft main journaled for a page that died, not saved, and saves it under its own stamp', async () => {
    const lost = {
      callInstanceId: 7,
      verdict: 'fail',
      score: null,
      tags: [],
      text: '崩溃前写的',
      comments: [],
      tagChecks: [],
    }
    api.open.mockResolvedValue({
      ...(await api.open()),
      review: { ...lost, verdict: null, text: '', updatedAt: '2026-12-04T20:00:00.000Z' },
      pendingDraft: {
        draft: lost,
        stamp: { editor: 'dead-page', revision: 41 },
        journaledAt: '2026-12-04T20:01:00.000Z',
      },
    })
    let storeNow!: () => void
    api.save.mockImplementationOnce(
      (input: ReviewInput) =>
        new Promise((resolve) => (storeNow = () => resolve({ ...input, updatedAt: 'now' } as Review))),
    )
    const review = useReviewStore()
    await review.open(7)
    expect(review.draft).toMatchObject({ text: '崩溃前写的', verdict: 'fail' })
    expect(review.saveState).not.toBe('saved')
    expect(review.canUndo).toBe(false)
    const [saved, stamp] = api.save.mock.calls[0]! as [ReviewInput, DraftStamp]
    expect(saved).toMatchObject({ text: '崩溃前写的', verdict: 'fail' })
    expect(stamp.editor).not.toBe('dead-page')
    storeNow()
    expect(await review.flush()).toBe(true)
    expect(review.saveState).toBe('saved')
    expect(api.journal).not.toHaveBeenCalled()
  })

  it('keeps this page’s own unsaved draft over a journaled one when the call is opened again', async () => {
    api.save.mockRejectedValue(new Error('HTTP 500'))
    const review = useReviewStore()
    await review.open(7)
    review.setText('本页的新版本')
    await review.flush(50)
    review.close()
    api.open.mockResolvedValue({
      ...(await api.open()),
      pendingDraft: {
        draft: { callInstanceId: 7, text: '旧' },
        stamp: { editor: 'old', revision: 1 },
        journaledAt: 'x',
      },
    })
    await review.open(7)
    expect(review.draft?.text).toBe('本页的新版本')
    expect(review.saveState).toBe('error')
  })

  it('saves the drafts main journaled for a page that died, once a profile is active, without opening their calls', async () => {
    const journaled = (callInstanceId: number, text: string) => ({
      draft: { callInstanceId, verdict: null, score: null, tags: [], text, comments: [], tagChecks: [] },
      stamp: { editor: 'dead-page', revision: callInstanceId },
      journaledAt: '2026-12-04T20:01:00.000Z',
    })
    api.pending.mockResolvedValue([journaled(3, '三号通话的笔记'), journaled(4, '四号通话的笔记')])
    const review = useReviewStore()
    await Promise.resolve()
    expect(api.pending).not.toHaveBeenCalled()
    useProfilesStore().activeId = 'p-1'
    await vi.waitFor(() => expect(api.save).toHaveBeenCalledTimes(2))
    expect(await review.flush()).toBe(true)
    expect(api.save.mock.calls.map(([input]) => (input as ReviewInput).text)).toEqual([
      '三号通话的笔记',
      '四号通话的笔记',
    ])
    expect(api.save.mock.calls.every(([, stamp]) => (stamp as DraftStamp).editor !== 'dead-page')).toBe(true)
    expect(review.hasUnsaved()).toBe(false)
  })
})
