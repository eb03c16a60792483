// The draft journal: every edit is kept in reviews.db until a save of it is stored, a late or stale
// entry never wins over a newer review, an unreadable row is reported without stopping start-up,
// and a main process killed at any moment keeps what it journaled.
import Database from 'better-sqlite3'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { ReviewInput } from '../../shared/contract/reviews'
import { openTempCache, tempDir } from '../../test-support/cache-fixtures'
import { bundleFixture, runChild } from '../../test-support/reliability/child-process'
import { ReviewStore } from './review-store'

const tab = (revision: number) => ({ editor: 'tab-a', revision })
const draft = (text: string, verdict: ReviewInput['verdict'] = 'fail'): ReviewInput => ({
  callInstanceId: 5,
  verdict,
  text,
})

describe('the draft journal', () => {
  it('keeps the latest edit of a call until a save of that revision is stored, then drops it', () => {
    const { cache } = openTempCache()
    expect(cache.journalDraft({ draft: draft('客户'), stamp: tab(1) })).toBe(true)
    expect(cache.journalDraft({ draft: draft('客户嫌贵'), stamp: tab(2) })).toBe(true)
    expect(cache.pendingDraft(5)).toMatchObject({ draft: { text: '客户嫌贵', verdict: 'fail' }, stamp: tab(2) })
    expect(cache.pendingDraftCount()).toBe(1)

    cache.saveReview(draft('客户嫌贵'), tab(2))
    expect(cache.pendingDraft(5)).toBeNull()
    expect(cache.pendingDraftCount()).toBe(0)
    expect(cache.getReview(5)).toMatchObject({ text: '客户嫌贵' })
    cache.close()
  })

  it('keeps an edit made while an older revision was being saved, as newer than that save', () => {
    const { cache } = openTempCache()
    cache.journalDraft({ draft: draft('客户'), stamp: tab(1) })
    cache.journalDraft({ draft: draft('客户嫌贵'), stamp: tab(2) })
    cache.saveReview(draft('客户'), tab(1))
    expect(cache.pendingDraft(5)).toMatchObject({ draft: { text: '客户嫌贵' }, stamp: tab(2) })
    // Still there after a restart: its base is the review the older save stored.
    expect(cache.getReview(5)?.text).toBe('客户')
    cache.close()
  })

  it('ignores an edit that arrives after a later revision was journaled or stored', () => {
    const { cache } = openTempCache()
    cache.journalDraft({ draft: draft('第三版'), stamp: tab(3) })
    expect(cache.journalDraft({ draft: draft('第二版'), stamp: tab(2) })).toBe(false)
    expect(cache.pendingDraft(5)?.draft.text).toBe('第三版')

    cache.saveReview(draft('第三版'), tab(3))
    expect(cache.journalDraft({ draft: draft('第三版'), stamp: tab(3) })).toBe(false)
    expect(cache.pendingDraft(5)).toBeNull()
    cache.close()
  })

  it('lets a newer editor (the page after a reload) supersede the draft of the one that died', () => {
    const { cache } = openTempCache()
    cache.journalDraft({ draft: draft('崩溃前'), stamp: { editor: 'tab-dead', revision: 40 } })
    expect(cache.journalDraft({ draft: draft('崩溃前，再补一句'), stamp: { editor: 'tab-new', revision: 1 } })).toBe(
      true,
    )
    expect(cache.pendingDraft(5)).toMatchObject({ draft: { text: '崩溃前，再补一句' }, stamp: { editor: 'tab-new' } })
    cache.close()
  })

  it('lists every call’s pending draft newer than its stored review, for a page starting up', () => {
    const { cache } = openTempCache()
    cache.journalDraft({ draft: { callInstanceId: 8, text: '八' }, stamp: tab(1) })
    cache.journalDraft({ draft: { callInstanceId: 3, text: '三' }, stamp: tab(2) })
    cache.journalDraft({ draft: { callInstanceId: 4, text: '四' }, stamp: tab(3) })
    cache.saveReview({ callInstanceId: 4, text: '四' }, tab(3))
    expect(cache.pendingDrafts().map((p) => [p.draft.callInstanceId, p.draft.text])).toEqual([
      [3, '三'],
      [8, '八'],
    ])
    cache.close()
  })

  it('never shows an entry older than a review stored another way, and drops it', () => {
    const temp = openTempCache()
    temp.cache.saveReview(draft('第一版', 'pass'))
    temp.cache.journalDraft({ draft: draft('旧草稿'), stamp: tab(1) })
    // Another writer (a second window, an import) stores the review without touching the journal.
    const other = new ReviewStore(temp.cache.reviewsPath, () => new Date(Date.now() + 60_000))
    other.save(draft('另一个窗口存的', 'pass'))
    other.close()
    const cache = temp.reopen()
    expect(cache.pendingDrafts()).toEqual([])
    expect(cache.pendingDraft(5)).toBeNull()
    expect(cache.getReview(5)?.text).toBe('另一个窗口存的')
    expect(cache.pendingDraftCount()).toBe(0)
    cache.close()
  })

  it('drops a pending draft when another editor stores the call’s review', () => {
    const { cache } = openTempCache()
    cache.journalDraft({ draft: draft('甲'), stamp: tab(7) })
    cache.saveReview(draft('乙'), { editor: 'tab-b', revision: 1 })
    expect(cache.pendingDraft(5)).toBeNull()
    cache.close()
  })

  it('survives closing and reopening the files, with its revision and time', () => {
    const temp = openTempCache({ now: () => new Date('2026-12-04T21:00:00.000Z') })
    temp.cache.journalDraft({ draft: { callInstanceId: 9, text: '重启后还在', score: 40 }, stamp: tab(12) })
    const cache = temp.reopen()
    expect(cache.pendingDraft(9)).toEqual({
      draft: { callInstanceId: 9, verdict: null, score: 40, tags: [], text: '重启后还在', comments: [], tagChecks: [] },
      stamp: tab(12),
      journaledAt: '2026-12-04T21:00:00.000Z',
    })
    cache.close()
  })

  it('refuses a draft its schema refuses, writing nothing', () => {
    const { cache } = openTempCache()
    expect(() => cache.journalDraft({ draft: { callInstanceId: 5, score: 101 }, stamp: tab(1) })).toThrow(/score/)
    expect(cache.pendingDraftCount()).toBe(0)
    cache.close()
  })

  it('reports an unreadable row clearly, starts without it and leaves it in the file', () => {
    const temp = openTempCache()
    temp.cache.journalDraft({ draft: draft('好的一条'), stamp: tab(1) })
    temp.cache.close()
    const raw = new Database(join(temp.dir, 'profile-1', 'reviews.db'))
    const insert = raw.prepare(
      `INSERT INTO review_drafts (call_id, draft, editor, revision, base_updated_at, journaled_at)
       VALUES (?, ?, 'tab-a', 1, NULL, '2026-12-04T21:00:00.000Z')`,
    )
    insert.run(6, '{"callInstanceId": 6, "text": "cut off')
    insert.run(7, JSON.stringify({ callInstanceId: 7, verdict: 'maybe' }))
    insert.run(8, JSON.stringify({ callInstanceId: 9, text: '别的通话' }))
    raw.close()

    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const store = new ReviewStore(join(temp.dir, 'profile-1', 'reviews.db'))
    const warnings = warn.mock.calls.map((call) => String(call[0]))
    warn.mockRestore()
    expect(store.journal.problems.map((p) => p.callInstanceId)).toEqual([6, 7, 8])
    expect(store.journal.problems[0]!.message).toMatch(/^unreadable draft of call 6: .*JSON/)
    expect(store.journal.problems[1]!.message).toMatch(/verdict/)
    expect(store.journal.problems[2]!.message).toContain("holds call 9's review")
    expect(warnings).toHaveLength(3)
    expect(warnings[0]).toContain('reviews.db')
    expect(store.pendingDraft(5)?.draft.text).toBe('好的一条')
    expect(store.pendingDraft(6)).toBeNull()
    // Reviews work as ever, and the unreadable rows are still in the file.
    store.save({ callInstanceId: 6, text: '照常保存' })
    store.close()
    const after = new Database(join(temp.dir, 'profile-1', 'reviews.db'), { readonly: true })
    expect(after.prepare('SELECT call_id FROM review_drafts ORDER BY call_id').pluck().all()).toEqual([5, 6, 7, 8])
    after.close()
  })
})

describe('a main process killed while journaling', () => {
  let child: ReturnType<typeof bundleFixture>
  beforeAll(() => {
    child = bundleFixture(join(import.meta.dirname, '../../test-support/reliability/journal-child.ts'))
  })
  afterAll(() => child.remove())

  it('keeps every edit it reported journaled, or a later one, and nothing already stored', async () => {
    for (const killAfter of [7, 23, 58]) {
      const path = join(tempDir(), 'reviews.db')
      const run = await runChild(child.script, { args: [path, 'tab-k'], killAfter, timeoutMs: 30_000 })
      expect(run.killed, run.stderr).toBe(true)
      const store = new ReviewStore(path)
      for (const callId of [11, 12]) {
        const reported = (verb: string) =>
          Math.max(
            0,
            ...run.lines
              .filter((line) => line.startsWith(`${verb} ${callId} `))
              .map((line) => Number(line.split(' ')[2])),
          )
        const journaled = reported('journaled')
        const stored = reported('stored')
        const pending = store.pendingDraft(callId)
        const review = store.get(callId)
        if (journaled > stored) {
          // Its latest reported edit is not stored: the journal has it (or a later one), intact.
          expect(pending?.stamp.revision, `kill after ${killAfter}, call ${callId}`).toBeGreaterThanOrEqual(journaled)
          expect(pending?.draft.text).toBe(`edit r${pending?.stamp.revision}`)
        } else if (pending) {
          // Stored last: only an edit after that save may be pending.
          expect(pending.stamp.revision).toBeGreaterThan(stored)
        }
        if (stored > 0) expect(Number(review?.text.slice('edit r'.length))).toBeGreaterThanOrEqual(stored)
      }
      expect(run.lines.filter((line) => line.startsWith('journaled')).length).toBeGreaterThan(0)
      store.close()
    }
  }, 60_000)
})
