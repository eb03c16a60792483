import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { ReviewInput } from '../../shared/contract/reviews'
import { ReviewStore } from './review-store'
import { makeSummary, openTempCache, tempDir } from '../../test-support/cache-fixtures'

const FULL: ReviewInput = {
  callInstanceId: 5,
  verdict: 'follow_up',
  score: 72.5,
  tags: ['语速过快', '未确认身份'],
  text: '客户问到利率时机器人答非所问。',
  comments: [
    {
      id: 'c-1',
      atMs: 12_000,
      endMs: 15_500,
      lineIndex: 4,
      text: '这里应当先确认身份',
      category: '话术问题',
      createdAt: '2026-03-05T08:00:00.000Z',
    },
    {
      id: 'c-2',
      atMs: 30_000,
      endMs: null,
      lineIndex: null,
      text: '',
      category: null,
      createdAt: '2026-03-05T08:01:00.000Z',
    },
  ],
  tagChecks: [
    { name: '客户意向等级', robotValue: 'A级(较强)', status: 'corrected', correctedValue: 'C级(无法判断)' },
    { name: '是否有房', robotValue: '是', status: 'confirmed', correctedValue: null },
  ],
}

describe('reviews', () => {
  it('round-trip with the time of saving', () => {
    const { cache } = openTempCache({ now: () => new Date('2026-03-05T08:02:00.000Z') })
    const saved = cache.saveReview(FULL)
    expect(saved).toEqual({ ...FULL, updatedAt: '2026-03-05T08:02:00.000Z' })
    expect(cache.getReview(5)).toEqual(saved)
    expect(cache.getReview(6)).toBeNull()
    cache.close()
  })

  it('survive closing and reopening the files', () => {
    const temp = openTempCache()
    temp.cache.upsertCallSummaries(1, [makeSummary(5)])
    const saved = temp.cache.saveReview(FULL)
    const cache = temp.reopen()
    expect(cache.getReview(5)).toEqual(saved)
    expect(cache.getCall(5)?.review).toEqual(saved)
    expect(cache.queryCalls({ text: '答非所问' }).total).toBe(1)
    expect(cache.integrityCheck()).toEqual({ cache: ['ok'], reviews: ['ok'] })
    cache.close()
  })

  it('are written by a FULL-synchronous connection to their own file, apart from the cache', () => {
    const dir = tempDir()
    const store = new ReviewStore(join(dir, 'reviews.db'))
    store.save(FULL)
    expect(
      (store as unknown as { db: { pragma(s: string, o: object): unknown } }).db.pragma('synchronous', {
        simple: true,
      }),
    ).toBe(2)
    store.close()
    // A cache rebuilt from scratch beside it finds the review again.
    const { cache } = openTempCache({ reviewsPath: join(dir, 'reviews.db') })
    expect(cache.getReview(5)?.text).toBe(FULL.text)
    cache.close()
  })

  it('replace the previous review whole, and its searchable text with it', () => {
    const { cache } = openTempCache()
    cache.upsertCallSummaries(1, [makeSummary(5)])
    cache.saveReview(FULL)
    cache.saveReview({ callInstanceId: 5, verdict: 'pass', text: '没问题' })
    expect(cache.getReview(5)).toMatchObject({ verdict: 'pass', score: null, tags: [], comments: [], tagChecks: [] })
    expect(cache.queryCalls({ text: '答非所问' }).total).toBe(0)
    expect(cache.queryCalls({ text: '先确认' }).total).toBe(0)
    expect(cache.queryCalls({ text: '问题' }).total).toBe(1)
    expect(cache.deleteReview(5)).toBe(true)
    expect(cache.queryCalls({ text: '问题' }).total).toBe(0)
    expect(cache.getReview(5)).toBeNull()
    cache.close()
  })

  it('refuse invalid input and store nothing', () => {
    const { cache } = openTempCache()
    const bad: unknown[] = [
      { ...FULL, callInstanceId: 0 },
      { ...FULL, score: 101 },
      { ...FULL, verdict: 'maybe' },
      { ...FULL, text: 'x'.repeat(20_001) },
      { ...FULL, tagChecks: [{ name: 'a', robotValue: 'b', status: 'corrected', correctedValue: null }] },
      { ...FULL, comments: [{ ...FULL.comments?.[0], endMs: 1 }] },
      { ...FULL, extra: true },
    ]
    for (const input of bad) expect(() => cache.saveReview(input as ReviewInput)).toThrow()
    expect(cache.listReviews()).toEqual([])
    cache.close()
  })

  it('list for export, oldest first, by task and by time', () => {
    let t = Date.parse('2026-03-05T00:00:00.000Z')
    const { cache } = openTempCache({ now: () => new Date((t += 60_000)) })
    cache.upsertCallSummaries(1, [makeSummary(1), makeSummary(2)])
    cache.upsertCallSummaries(2, [makeSummary(3, { taskId: 2 })])
    cache.saveReview({ callInstanceId: 2, verdict: 'pass' })
    cache.saveReview({ callInstanceId: 3, verdict: 'fail' })
    cache.saveReview({ callInstanceId: 1, verdict: 'pass' })
    expect(cache.listReviews().map((r) => r.callInstanceId)).toEqual([2, 3, 1])
    expect(cache.listReviews({ taskId: 1 }).map((r) => r.callInstanceId)).toEqual([2, 1])
    expect(cache.listReviews({ updatedSince: '2026-03-05T00:04:00.000Z' }).map((r) => r.callInstanceId)).toEqual([3, 1])
    cache.close()
  })

  it('read comments saved before categories existed as having none', () => {
    const dir = tempDir()
    const store = new ReviewStore(join(dir, 'reviews.db'))
    store.save(FULL)
    const db = (store as unknown as { db: { prepare(sql: string): { run(...args: unknown[]): void } } }).db
    const old = [
      { id: 'c-9', atMs: 1000, endMs: null, lineIndex: 0, text: '旧评论', createdAt: '2025-01-01T00:00:00Z' },
    ]
    db.prepare('UPDATE reviews SET comments = ? WHERE call_id = 5').run(JSON.stringify(old))
    expect(store.get(5)?.comments).toEqual([{ ...old[0], category: null }])
    store.close()
  })
})

describe('comment categories', () => {
  it('are unset until saved, then kept in the reviews file across reopening', () => {
    const dir = tempDir()
    const path = join(dir, 'reviews.db')
    const store = new ReviewStore(path)
    expect(store.commentCategories()).toBeNull()
    expect(store.setCommentCategories([' 话术问题 ', '识别错误'])).toEqual(['话术问题', '识别错误'])
    store.close()
    const again = new ReviewStore(path)
    expect(again.commentCategories()).toEqual(['话术问题', '识别错误'])
    expect(again.setCommentCategories([])).toEqual([])
    expect(again.commentCategories()).toEqual([])
    again.close()
  })

  it('refuse duplicates and blank names, keeping what was saved', () => {
    const store = new ReviewStore(join(tempDir(), 'reviews.db'))
    store.setCommentCategories(['话术问题'])
    expect(() => store.setCommentCategories(['重复', '重复'])).toThrow(/unique/)
    expect(() => store.setCommentCategories(['  '])).toThrow()
    expect(store.commentCategories()).toEqual(['话术问题'])
    store.close()
  })
})
