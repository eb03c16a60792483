import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { Review, ReviewInput } from '../../../shared/contract/reviews'
import { tempDir } from '../../../test-support/cache-fixtures'
import { TeamReviewServer } from '../../../test-support/team-review-server'
import { ReviewStore } from '../../cache/review-store'
import type { ChangeRow } from './contract'
import { canonicalReview } from './merge'
import { createTeamReviewSync, type TeamReviewSync } from './team-review-sync'

const T0 = Date.parse('2026-12-05T00:00:00.000Z')
const FAST_RETRY = { retries: 2, minTimeoutMs: 1, maxTimeoutMs: 2 }

interface Device {
  reviews: ReviewStore
  sync: TeamReviewSync
  /** This device's wall clock, ms. */
  wall: { ms: number }
  path: string
}

const open: Device[] = []
afterEach(async () => {
  for (const device of open.splice(0)) {
    await device.sync.close()
    device.reviews.close()
  }
})

function device(
  server: TeamReviewServer,
  options: {
    member?: string
    path?: string
    skewMs?: number
    onAssignment?: (rows: ChangeRow[]) => void
    onReviewsChanged?: (callIds: number[]) => void
  } = {},
): Device {
  const path = options.path ?? join(tempDir(), 'reviews.db')
  const wall = { ms: T0 + (options.skewMs ?? 0) }
  const reviews = new ReviewStore(path, () => new Date(wall.ms))
  const member = options.member ?? 'ana'
  const sync = createTeamReviewSync({
    reviews,
    transport: server.transportFor(member),
    member,
    physicalMs: () => wall.ms,
    now: () => new Date(wall.ms),
    retry: FAST_RETRY,
    batchSize: 3,
    pageSize: 4,
    onAssignment: options.onAssignment,
    onReviewsChanged: options.onReviewsChanged,
  })
  const opened = { reviews, sync, wall, path }
  open.push(opened)
  return opened
}

function content(review: Review | null) {
  if (!review) return null
  const { updatedAt: _updatedAt, ...rest } = review
  return canonicalReview(rest)
}

const BASE: ReviewInput = {
  callInstanceId: 5,
  verdict: 'follow_up',
  score: 60,
  tags: ['语速过快'],
  text: '客户问到利率',
  comments: [
    { id: 'c-1', atMs: 12_000, endMs: null, lineIndex: 4, text: '先确认身份', category: null, createdAt: 'a' },
    { id: 'c-2', atMs: 30_000, endMs: null, lineIndex: null, text: '停顿太长', category: null, createdAt: 'a' },
  ],
  tagChecks: [{ name: '是否有房', robotValue: '是', status: 'confirmed', correctedValue: null }],
}

/** What the review page does: the stored review with the reviewer's changes, saved whole. */
function edit(d: Device, callId: number, change: (review: ReviewInput) => Partial<ReviewInput>): Review {
  const { updatedAt: _updatedAt, ...current } = d.reviews.get(callId)!
  return d.reviews.save({ ...current, ...change(current) })
}

function outboxRows(d: Device): number {
  return d.reviews.transaction((db) => (db.prepare('SELECT count(*) AS n FROM review_outbox').get() as { n: number }).n)
}

describe('team review sync', () => {
  it('leaves a solo reviews file without outbox rows', () => {
    const reviews = new ReviewStore(join(tempDir(), 'reviews.db'))
    reviews.save(BASE)
    expect(reviews.transaction((db) => db.prepare('SELECT count(*) AS n FROM review_outbox').get())).toEqual({ n: 0 })
    reviews.close()
  })

  it('queues a save in its own transaction and pushes it, removing the rows once acknowledged', async () => {
    const server = new TeamReviewServer(new Set([5]))
    const a = device(server)
    a.reviews.save(BASE)
    // review + 2 comments + 1 tag check
    expect(a.sync.status()).toMatchObject({ pending: 4, parked: 0, lastPushAt: null, online: null })
    await a.sync.syncNow()
    expect(a.sync.status()).toMatchObject({
      online: true,
      pending: 0,
      parked: 0,
      lastError: null,
      lastPushAt: '2026-12-05T00:00:00.000Z',
    })
    expect(outboxRows(a)).toBe(0)
    expect(server.review('ana', 5)).toEqual(content(a.reviews.get(5)))
  })

  it('stores a review and its outbox rows together or not at all', () => {
    const server = new TeamReviewServer(new Set([5]))
    const a = device(server)
    a.reviews.save({ callInstanceId: 5, verdict: 'pass' })
    // The outbox refuses its next row (a full disk, say): the save must fail as a whole.
    a.reviews.transaction((db) =>
      db.exec("CREATE TRIGGER outbox_full BEFORE INSERT ON review_outbox BEGIN SELECT RAISE(ABORT, 'disk full'); END"),
    )
    expect(() => a.reviews.save({ callInstanceId: 5, verdict: 'fail', text: '不该留下' })).toThrow('disk full')
    expect(a.reviews.get(5)).toMatchObject({ verdict: 'pass', text: '' })
    expect(a.sync.status().pending).toBe(1)
    a.reviews.transaction((db) => db.exec('DROP TRIGGER outbox_full'))
    a.reviews.save({ callInstanceId: 5, verdict: 'fail' })
    // Diffed against what the team was sent: the failed save left no trace in the synced state.
    const ops = a.reviews.transaction((db) =>
      db.prepare<[], { op: string }>('SELECT op FROM review_outbox ORDER BY seq').all(),
    )
    expect(ops.map((row) => (JSON.parse(row.op) as { fields: unknown }).fields)).toEqual([
      { verdict: 'pass', score: null, note: '', tags: [] },
      { verdict: 'fail' },
    ])
  })

  it('a save that changes nothing queues nothing; one changed field is one op', async () => {
    const server = new TeamReviewServer(new Set([5]))
    const a = device(server)
    a.reviews.save(BASE)
    await a.sync.syncNow()
    a.reviews.save(BASE)
    expect(a.sync.status().pending).toBe(0)
    a.reviews.save({ ...BASE, verdict: 'pass' })
    expect(a.sync.status().pending).toBe(1)
  })

  it('two devices of one member edit offline and converge after pushing and pulling both ways', async () => {
    const server = new TeamReviewServer(new Set([5, 6]))
    const a = device(server)
    const b = device(server)
    a.reviews.save(BASE)
    await a.sync.syncNow()
    await b.sync.syncNow()
    expect(content(b.reviews.get(5))).toEqual(content(a.reviews.get(5)))

    // Offline: A sets the verdict, edits comment 1 and deletes comment 2; B (a second later) sets
    // the score, edits comment 2's text, corrects the tag and reviews another call.
    a.wall.ms += 1000
    edit(a, 5, (r) => ({ verdict: 'fail', comments: [{ ...r.comments![0]!, text: '没确认身份' }] }))
    b.wall.ms += 2000
    edit(b, 5, (r) => ({
      verdict: 'pass',
      score: 85,
      comments: [r.comments![0]!, { ...r.comments![1]!, text: '停顿 8 秒' }],
      tagChecks: [{ name: '是否有房', robotValue: '是', status: 'corrected', correctedValue: '否' }],
    }))
    b.reviews.save({ callInstanceId: 6, verdict: 'pass' })

    await a.sync.syncNow()
    await b.sync.syncNow()
    await a.sync.syncNow()

    const expected = {
      ...content(a.reviews.get(5))!,
      verdict: 'pass', // B's later clock
      score: 85,
      comments: [{ ...BASE.comments![0]!, category: null, text: '没确认身份' }], // A's delete wins over B's edit
      tagChecks: [{ name: '是否有房', robotValue: '是', status: 'corrected', correctedValue: '否' }],
    }
    expect(content(a.reviews.get(5))).toEqual(expected)
    expect(content(b.reviews.get(5))).toEqual(expected)
    expect(server.review('ana', 5)).toEqual(expected)
    expect(content(a.reviews.get(6))).toEqual(content(b.reviews.get(6)))
    expect(a.sync.status()).toMatchObject({ pending: 0, lastError: null })
    expect(b.sync.status()).toMatchObject({ pending: 0, lastError: null })
  })

  it('a push whose acknowledgement is lost keeps its rows, and the replay after a restart changes nothing on the server', async () => {
    const server = new TeamReviewServer(new Set([5]))
    const first = device(server)
    first.reviews.save(BASE)
    // Every attempt of the first batch is applied but never acknowledged (retries 2: three attempts).
    server.fail('after-apply', 'after-apply', 'after-apply')
    await first.sync.syncNow()
    expect(first.sync.status()).toMatchObject({
      online: false,
      pending: 4,
      lastError: expect.stringMatching(/after the server applied/),
    })
    const applied = server.appliedOps.length
    const feed = server.feed.length
    expect(applied).toBe(3)

    // The app quits (or dies) before any ack arrived, and starts again.
    await first.sync.close()
    first.reviews.close()
    open.splice(open.indexOf(first), 1)
    const a = device(server, { path: first.path })
    expect(a.sync.status().pending).toBe(4)
    await a.sync.syncNow()
    expect(a.sync.status()).toMatchObject({ pending: 0, lastError: null })
    // Each op applied exactly once: the replayed batch was 'duplicate', only the 4th op was new.
    expect(server.appliedOps.map((op) => op.opId).sort()).toEqual(
      [...new Set(server.appliedOps.map((op) => op.opId))].sort(),
    )
    expect(server.appliedOps).toHaveLength(4)
    expect(server.feed.length).toBe(feed + 1)
    expect(server.review('ana', 5)).toEqual(content(a.reviews.get(5)))
  })

  it('reports a pulled review it cannot store, and still merges the rest of the feed', async () => {
    const server = new TeamReviewServer(new Set([5, 6]))
    const a = device(server)
    const b = device(server)
    const checks = (prefix: string, count: number) =>
      Array.from({ length: count }, (_, i) => ({
        name: `${prefix}-${i}`,
        robotValue: '是',
        status: 'confirmed' as const,
        correctedValue: null,
      }))
    // Each device stays within the 200 tag checks a review holds; together they are over it.
    a.reviews.save({ callInstanceId: 5, tagChecks: checks('a', 101) })
    a.reviews.save({ callInstanceId: 6, verdict: 'fail' })
    b.reviews.save({ callInstanceId: 5, tagChecks: checks('b', 100) })
    await a.sync.syncNow()
    await b.sync.syncNow()
    expect(b.sync.status().lastError).toMatch(/^call 5: /)
    // Pages merged before the limit was reached are stored; the page over it is left as it was.
    const stored = b.reviews.get(5)!.tagChecks.length
    expect(stored).toBeGreaterThan(100)
    expect(stored).toBeLessThanOrEqual(200)
    expect(b.reviews.get(6)?.verdict).toBe('fail')
    expect(b.sync.status().pending).toBe(0)
  })

  it('retries a dropped connection with backoff within one round', async () => {
    const server = new TeamReviewServer(new Set([5]))
    const a = device(server)
    a.reviews.save(BASE)
    server.fail('before-apply', 'after-apply')
    await a.sync.syncNow()
    expect(a.sync.status()).toMatchObject({ pending: 0, lastError: null })
    expect(server.appliedOps).toHaveLength(4)
  })

  it('parks an op the server refuses, with its reason, and pushes the rest of its batch', async () => {
    const server = new TeamReviewServer(new Set([5, 7]))
    const a = device(server)
    a.reviews.save({ callInstanceId: 5, verdict: 'pass' })
    a.reviews.save({ callInstanceId: 99, verdict: 'fail' }) // not in the team catalogue
    a.reviews.save({ callInstanceId: 7, verdict: 'pass' })
    await a.sync.syncNow()
    expect(a.sync.status()).toMatchObject({ pending: 0, parked: 1, lastError: null })
    expect(a.sync.parkedOps()).toEqual([
      expect.objectContaining({
        op: expect.objectContaining({ callId: 99 }),
        error: 'call 99 is not in the team catalogue',
      }),
    ])
    expect(server.review('ana', 5)?.verdict).toBe('pass')
    expect(server.review('ana', 7)?.verdict).toBe('pass')
    // The queue is not blocked: a later edit goes out.
    a.reviews.save({ callInstanceId: 7, verdict: 'fail' })
    await a.sync.syncNow()
    expect(server.review('ana', 7)?.verdict).toBe('fail')
  })

  it('offers back a note another device replaced, and restoring it sends it to the team', async () => {
    const server = new TeamReviewServer(new Set([5]))
    const a = device(server)
    const b = device(server)
    a.reviews.save({ ...BASE, text: 'A 的笔记' })
    b.wall.ms += 5000
    b.reviews.save({ ...BASE, text: 'B 的笔记' })
    await a.sync.syncNow()
    await b.sync.syncNow()
    await a.sync.syncNow()

    expect(a.reviews.get(5)?.text).toBe('B 的笔记')
    expect(a.sync.noteConflicts()).toEqual([
      { callInstanceId: 5, localText: 'A 的笔记', at: '2026-12-05T00:00:00.000Z' },
    ])
    expect(a.sync.status().noteConflicts).toBe(1)
    expect(b.sync.noteConflicts()).toEqual([]) // B's note won: nothing lost there

    const restored = a.sync.restoreNote(5)
    expect(restored?.text).toBe('A 的笔记')
    expect(a.sync.noteConflicts()).toEqual([])
    expect(a.sync.status().pending).toBe(1)
    await a.sync.syncNow()
    await b.sync.syncNow()
    expect(b.reviews.get(5)?.text).toBe('A 的笔记')
    expect(a.sync.restoreNote(5)).toBeNull()
  })

  it('offers nothing when the other device carried the note on', async () => {
    const server = new TeamReviewServer(new Set([5]))
    const a = device(server)
    const b = device(server)
    a.reviews.save({ ...BASE, text: '客户问到利率' })
    await a.sync.syncNow()
    await b.sync.syncNow()
    b.wall.ms += 5000
    edit(b, 5, (r) => ({ text: `${r.text}时答非所问` }))
    await b.sync.syncNow()
    await a.sync.syncNow()
    expect(a.reviews.get(5)?.text).toBe('客户问到利率时答非所问')
    expect(a.sync.noteConflicts()).toEqual([])
  })

  it('dismissing a note conflict drops the offer and changes no review', async () => {
    const server = new TeamReviewServer(new Set([5]))
    const a = device(server)
    const b = device(server)
    a.reviews.save({ ...BASE, text: 'A' })
    b.wall.ms += 5000
    b.reviews.save({ ...BASE, text: 'B' })
    await a.sync.syncNow()
    await b.sync.syncNow()
    await a.sync.syncNow()
    expect(a.sync.dismissNoteConflict(5)).toBe(true)
    expect(a.sync.dismissNoteConflict(5)).toBe(false)
    expect(a.sync.noteConflicts()).toEqual([])
    expect(a.reviews.get(5)?.text).toBe('B')
    expect(a.sync.status().pending).toBe(0)
  })

  it('an edit made after pulling wins, though its device clock runs an hour behind', async () => {
    const server = new TeamReviewServer(new Set([5]))
    const a = device(server, { skewMs: 3_600_000 })
    const b = device(server)
    a.reviews.save({ callInstanceId: 5, verdict: 'fail' })
    await a.sync.syncNow()
    await b.sync.syncNow()
    edit(b, 5, () => ({ verdict: 'pass' }))
    await b.sync.syncNow()
    await a.sync.syncNow()
    expect(a.reviews.get(5)?.verdict).toBe('pass')
    expect(server.review('ana', 5)?.verdict).toBe('pass')
  })

  it('reads an assignment page again when its callback failed', async () => {
    const server = new TeamReviewServer(new Set([5]))
    const seen: number[] = []
    let fail = true
    const a = device(server, {
      onAssignment: (rows) => {
        if (fail) throw new Error('claims store busy')
        seen.push(...rows.map((row) => row.callId))
      },
    })
    server.assign('ana', 5)
    await a.sync.syncNow()
    expect(a.sync.status()).toMatchObject({ lastPullAt: null, lastError: 'claims store busy' })
    fail = false
    await a.sync.syncNow()
    expect(seen).toEqual([5])
    expect(a.sync.status().lastError).toBeNull()
  })

  it("hands assignment rows to the callback and merges only the member's own reviews", async () => {
    const server = new TeamReviewServer(new Set([5]))
    const assignments: ChangeRow[] = []
    const a = device(server, { onAssignment: (rows) => assignments.push(...rows) })
    const other = device(server, { member: 'bo' })
    other.reviews.save({ callInstanceId: 5, verdict: 'fail', text: 'bo 的' })
    await other.sync.syncNow()
    server.assign('ana', 5)
    await a.sync.syncNow()
    expect(a.reviews.get(5)).toBeNull()
    expect(assignments).toEqual([expect.objectContaining({ entity: 'assignment', member: 'ana', callId: 5 })])
  })

  it('keeps its device id, clock and cursor across a restart, with the wall clock set back', async () => {
    const server = new TeamReviewServer(new Set([5]))
    const a = device(server)
    a.reviews.save({ callInstanceId: 5, verdict: 'fail' })
    await a.sync.syncNow()
    const { deviceId } = a.sync.status()
    await a.sync.close()
    a.reviews.close()
    open.splice(open.indexOf(a), 1)

    const again = device(server, { path: a.path, skewMs: -60_000 })
    expect(again.sync.deviceId).toBe(deviceId)
    edit(again, 5, () => ({ verdict: 'pass' }))
    await again.sync.syncNow()
    // The later edit won on the server though this machine's clock now reads a minute earlier.
    expect(server.review('ana', 5)?.verdict).toBe('pass')
    expect(again.reviews.get(5)?.verdict).toBe('pass')
  })

  it('refuses to sync a reviews file as a second member, and changes nothing in it', async () => {
    const server = new TeamReviewServer(new Set([5]))
    const a = device(server)
    a.reviews.save({ callInstanceId: 5, verdict: 'pass' })
    expect(() =>
      createTeamReviewSync({ reviews: a.reviews, transport: server.transportFor('bo'), member: 'bo' }),
    ).toThrow('these reviews sync with the team as "ana", not "bo": give bo a profile of their own')
    expect(a.sync.status()).toMatchObject({ pending: 1 })
  })

  it("merges a review made before team mode with the team's by when each was written, and sends it", async () => {
    const server = new TeamReviewServer(new Set([5, 6]))
    const path = join(tempDir(), 'reviews.db')
    // Solo mode, an hour before: call 5 (which another device then reviews) and call 6 (which not).
    const solo = new ReviewStore(path, () => new Date(T0 - 3_600_000))
    solo.save({ callInstanceId: 5, verdict: 'pass', score: 70, text: '单机笔记' })
    solo.save({ callInstanceId: 6, verdict: 'fail' })
    solo.close()
    const b = device(server)
    b.reviews.save({ callInstanceId: 5, verdict: 'follow_up', text: '团队笔记' })
    await b.sync.syncNow()

    const a = device(server, { path })
    await a.sync.syncNow()
    expect(a.reviews.get(5)).toMatchObject({ verdict: 'follow_up', score: null, text: '团队笔记' })
    expect(a.sync.noteConflicts()).toEqual([expect.objectContaining({ callInstanceId: 5, localText: '单机笔记' })])
    // Its ops went out too (stale against B's later ones); call 6 waits for its first edit.
    await a.sync.syncNow()
    expect(a.sync.status()).toMatchObject({ pending: 0, lastError: null })
    expect(server.review('ana', 5)).toEqual(content(a.reviews.get(5)))
    expect(server.review('ana', 6)).toBeNull()
  })

  it('reports status changes as they happen', async () => {
    const server = new TeamReviewServer(new Set([5]))
    const a = device(server)
    const seen: number[] = []
    const stop = a.sync.onStatus((status) => seen.push(status.pending))
    a.reviews.save(BASE)
    await a.sync.syncNow()
    stop()
    a.reviews.save({ ...BASE, verdict: 'pass' })
    await a.sync.syncNow()
    expect(seen[0]).toBe(4)
    expect(seen.at(-1)).toBe(0)
    const count = seen.length
    await a.sync.syncNow()
    expect(seen).toHaveLength(count)
  })

  it('once started, pushes a save soon after it and tells which calls a pull changed', async () => {
    const server = new TeamReviewServer(new Set([5]))
    const changed: number[][] = []
    const a = device(server)
    const b = device(server, { onReviewsChanged: (ids) => changed.push(ids) })
    a.sync.start(60_000)
    b.sync.start(60_000)
    await until(() => a.sync.status().lastPullAt !== null)
    a.reviews.save({ callInstanceId: 5, verdict: 'pass' })
    await until(() => server.review('ana', 5) !== null)
    await b.sync.syncNow()
    expect(changed).toEqual([[5]])
    expect(b.reviews.get(5)?.verdict).toBe('pass')
    await a.sync.stop()
    a.reviews.save({ callInstanceId: 5, verdict: 'fail' })
    expect(a.sync.status().pending).toBe(1) // stopped: edits queue, nothing is sent
  })
})

/** Waits for a condition, polling, up to a deadline. */
async function until(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time')
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}
