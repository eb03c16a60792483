// Desktop review sync against the real team server (schema v5 apply_ops / pull_changes) in a
// throwaway cluster: two desktops of one member, each with its own reviews file and pg.Pool.
import { join } from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Review } from '../../../shared/contract/reviews'
import { tempDir } from '../../../test-support/cache-fixtures'
import { startTeamDatabase, type TeamDatabase } from '../../../test-support/team-database'
import { ReviewStore } from '../../cache/review-store'
import { createTeamReviewSync } from './team-review-sync'
import { pgReviewTransport } from './transport-pg'

const TIMEOUT = 60_000
let team: TeamDatabase
const pools: pg.Pool[] = []
const stores: ReviewStore[] = []

beforeAll(async () => {
  team = await startTeamDatabase('review_sync')
  await team.members(['olga'])
}, TIMEOUT)
afterAll(async () => {
  await Promise.all(pools.map((pool) => pool.end()))
  for (const store of stores) store.close()
  await team?.close()
})

function desktop(wall: { ms: number }) {
  const reviews = new ReviewStore(join(tempDir(), 'reviews.db'), () => new Date(wall.ms))
  const pool = new pg.Pool({ connectionString: team.urlOf('olga'), max: 1 })
  pool.on('error', () => undefined)
  pools.push(pool)
  stores.push(reviews)
  const sync = createTeamReviewSync({
    reviews,
    transport: pgReviewTransport(pool),
    member: 'olga',
    physicalMs: () => wall.ms,
    retry: { retries: 3, minTimeoutMs: 10, maxTimeoutMs: 50 },
  })
  return { reviews, sync, pool }
}

function content(review: Review | null) {
  if (!review) return null
  const { updatedAt: _updatedAt, ...rest } = review
  return rest
}

describe('team review sync on the real server', () => {
  it(
    'two desktops edit offline, converge, offer back a lost note, park a refused op and ride out a dropped connection',
    async () => {
      const { callIds } = await team.campaign('sync', 2)
      const [first, second] = callIds as [number, number]
      const wall = { ms: Date.parse('2026-12-05T00:00:00.000Z') }
      const a = desktop(wall)
      const b = desktop(wall)
      a.reviews.save({
        callInstanceId: first,
        verdict: 'follow_up',
        score: 33.3,
        tags: ['语速过快'],
        text: 'A 的笔记',
        comments: [
          { id: 'k1', atMs: 1000, endMs: 2000, lineIndex: 1, text: '一', category: null, createdAt: 't' },
          { id: 'k2', atMs: 3000, endMs: null, lineIndex: null, text: '二', category: '流程', createdAt: 't' },
        ],
        tagChecks: [{ name: '意向', robotValue: 'A', status: 'corrected', correctedValue: 'B' }],
      })
      await a.sync.syncNow()
      await b.sync.syncNow()
      expect(a.sync.status()).toMatchObject({ pending: 0, parked: 0, lastError: null })
      expect(content(b.reviews.get(first))).toEqual(content(a.reviews.get(first)))

      // Offline on both: A changes the verdict and note and deletes k2; B, later, the score and
      // note, edits k2 and removes the tag check, and reviews a second call.
      wall.ms += 1000
      const onA = content(a.reviews.get(first))!
      a.reviews.save({ ...onA, verdict: 'fail', text: 'A 改过', comments: [onA.comments[0]!] })
      wall.ms += 1000
      const onB = content(b.reviews.get(first))!
      b.reviews.save({
        ...onB,
        score: 90,
        text: 'B 写的',
        comments: [onB.comments[0]!, { ...onB.comments[1]!, text: '二改' }],
        tagChecks: [],
      })
      b.reviews.save({ callInstanceId: second, verdict: 'pass' })
      await a.sync.syncNow()
      await b.sync.syncNow()
      await a.sync.syncNow()
      for (const d of [a, b]) expect(d.sync.status()).toMatchObject({ pending: 0, parked: 0, lastError: null })
      expect(content(a.reviews.get(first))).toEqual(content(b.reviews.get(first)))
      expect(content(a.reviews.get(second))).toEqual(content(b.reviews.get(second)))
      expect(a.reviews.get(first)).toMatchObject({ verdict: 'fail', score: 90, text: 'B 写的', tagChecks: [] })
      expect(a.reviews.get(first)!.comments.map((c) => c.id)).toEqual(['k1'])

      expect(a.sync.noteConflicts()).toEqual([expect.objectContaining({ callInstanceId: first, localText: 'A 改过' })])
      a.sync.restoreNote(first)
      await a.sync.syncNow()
      await b.sync.syncNow()
      expect(b.reviews.get(first)!.text).toBe('A 改过')

      // A call the catalogue does not hold: the server refuses that op; the rest of the batch goes.
      a.reviews.save({ callInstanceId: 999_999, verdict: 'pass' })
      a.reviews.save({ callInstanceId: second, verdict: 'fail' })
      await a.sync.syncNow()
      expect(a.sync.status()).toMatchObject({ pending: 0, parked: 1, lastError: null })
      expect(a.sync.parkedOps()).toEqual([
        expect.objectContaining({ error: expect.stringContaining('no call 999999 in the team catalogue') }),
      ])

      // The server drops A's connection; the next round reconnects through the pool.
      await team.owner.query(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = 'olga' AND pid <> pg_backend_pid()",
      )
      a.reviews.save({ callInstanceId: second, verdict: 'follow_up' })
      await a.sync.syncNow()
      await b.sync.syncNow()
      expect(a.sync.status()).toMatchObject({ pending: 0, lastError: null })
      expect(b.reviews.get(second)!.verdict).toBe('follow_up')
    },
    TIMEOUT,
  )
})
