// Claims against a real throwaway PostgreSQL cluster with real login roles made by add-member:
// claim_batch and release through each member's own connection, and `cli team claim|release`.
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addMember } from '../services/team/team-admin'
import { claimBatch, releaseCalls } from '../services/team/team-claims'
import { runCli } from '../test-support/cli-harness'
import type { PostgresCluster } from '../test-support/postgres-cluster'
import { cloneTeamDatabase, teamCluster, type ClonedDatabase } from '../test-support/team-cluster'
import { idSequence, insertCampaign } from '../test-support/team-campaign'

const TIMEOUT = 60_000
let cluster: PostgresCluster
let db: ClonedDatabase
let owner: pg.Client
const opened: pg.Client[] = []
const passwords = new Map<string, string>()

async function connectAs(name: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: db.url(name, passwords.get(name)) })
  await client.connect()
  opened.push(client)
  return client
}

/** Member names are cluster-wide: `member('alice')` is this file's alice (db.member). */
const member = (name: string): string => db.member(name)

/** Adds the members, named by member(); returns their full names. */
async function members(names: string[], role: 'reviewer' | 'lead' = 'reviewer'): Promise<string[]> {
  const full = names.map(member)
  for (const name of full) passwords.set(name, (await addMember(owner, { name, role })).password)
  return full
}

const nextId = idSequence(1000)
/** A campaign with one task of `calls` calls, published directly as the table owner. */
async function campaign(name: string, calls: number): Promise<{ id: number; callIds: number[] }> {
  return insertCampaign(owner, name, calls, nextId)
}

async function policy(maxOpen: number): Promise<void> {
  await owner.query('UPDATE team.claim_policy SET max_open = $1', [maxOpen])
}

const names = (prefix: string, n: number): string[] =>
  Array.from({ length: n }, (_, i) => `${prefix}${String(i + 1).padStart(2, '0')}`)

async function visibleCalls(client: pg.Client): Promise<number[]> {
  const { rows } = await client.query<{ call_id: string }>('SELECT call_id FROM team.call ORDER BY call_id')
  return rows.map((r) => Number(r.call_id))
}

beforeAll(async () => {
  cluster = await teamCluster()
  db = await cloneTeamDatabase(cluster)
  owner = new pg.Client({ connectionString: db.url() })
  await owner.connect()
}, TIMEOUT)

afterAll(async () => {
  await Promise.all(opened.map((c) => c.end().catch(() => undefined)))
  await owner?.end()
  await cluster?.stop()
})

describe('team claims', () => {
  it(
    'gives twenty reviewers claiming at once every call of a small campaign, none twice',
    async () => {
      const scarce = await campaign('scarce', 50)
      await policy(10)
      const reviewers = await members(names('scarce', 20))
      const clients = await Promise.all(reviewers.map(connectAs))
      const claims = await Promise.all(clients.map((c) => claimBatch(c, 10, scarce.id)))
      const all = claims.flat()
      expect(new Set(all).size).toBe(all.length)
      expect([...all].sort((a, b) => a - b)).toEqual(scarce.callIds)
      for (const claim of claims) expect(claim.length).toBeLessThanOrEqual(10)
      const { rows } = await owner.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM team.assignment WHERE state = 'open' AND call_id = ANY ($1)",
        [scarce.callIds],
      )
      expect(rows[0]!.n).toBe(50)
    },
    TIMEOUT,
  )

  it(
    'holds the cap when each reviewer claims from two devices at once, and claims nothing past it',
    async () => {
      const plenty = await campaign('plenty', 300)
      await policy(5)
      const reviewers = await members(names('plenty', 10))
      const devices = await Promise.all([...reviewers, ...reviewers].map(connectAs))
      const claims = await Promise.all(devices.map((c) => claimBatch(c, 4, plenty.id)))
      const all = claims.flat()
      expect(new Set(all).size).toBe(all.length)
      // min(300 calls, 10 reviewers × cap 5)
      expect(all).toHaveLength(50)
      for (let i = 0; i < reviewers.length; i++) {
        expect(claims[i]!.length + claims[i + reviewers.length]!.length, reviewers[i]).toBe(5)
      }
      expect(await claimBatch(devices[0]!, 1, plenty.id)).toEqual([])
    },
    TIMEOUT,
  )

  it(
    'passes over calls another reviewer is claiming in an open transaction instead of waiting for it',
    async () => {
      const inFlight = await campaign('in-flight', 4)
      await policy(10)
      const [ivyName, jackName] = await members(['ivy', 'jack'])
      const ivy = await connectAs(ivyName!)
      const jack = await connectAs(jackName!)
      await ivy.query('BEGIN')
      expect(await claimBatch(ivy, 2, inFlight.id)).toEqual(inFlight.callIds.slice(0, 2))
      // Waiting on ivy's row locks would hit this timeout and fail the claim.
      await jack.query("SET statement_timeout = '2s'")
      expect(await claimBatch(jack, 4, inFlight.id)).toEqual(inFlight.callIds.slice(2))
      await ivy.query('COMMIT')
      expect(await claimBatch(jack, 4, inFlight.id)).toEqual([])
      expect(await visibleCalls(ivy)).toEqual(inFlight.callIds.slice(0, 2))
    },
    TIMEOUT,
  )

  it(
    'refuses a reviewer who writes assignments directly, and a lead who calls claim_batch',
    async () => {
      const direct = await campaign('direct', 1)
      await policy(10)
      const [malloryName] = await members(['mallory'])
      const [leahName] = await members(['leah'], 'lead')
      const mallory = await connectAs(malloryName!)
      await expect(
        mallory.query("INSERT INTO team.assignment (call_id, kind, assignee) VALUES ($1, 'normal', $2)", [
          direct.callIds[0],
          malloryName,
        ]),
      ).rejects.toMatchObject({ code: '42501', message: 'permission denied for table assignment' })
      await expect(
        mallory.query("UPDATE team.assignment SET assignee = $1, lease_until = now() + interval '1 year'", [
          malloryName,
        ]),
      ).rejects.toMatchObject({ code: '42501', message: 'permission denied for table assignment' })
      await expect(mallory.query('DELETE FROM team.assignment')).rejects.toMatchObject({ code: '42501' })
      await expect(mallory.query('UPDATE team.claim_policy SET max_open = 100000')).rejects.toMatchObject({
        code: '42501',
      })
      const leah = await connectAs(leahName!)
      await expect(claimBatch(leah, 1, direct.id)).rejects.toMatchObject({
        code: '42501',
        message: 'permission denied for function claim_batch',
      })
    },
    TIMEOUT,
  )

  it(
    'shows a reviewer the calls and tasks they hold and nobody else’s',
    async () => {
      const shared = await campaign('shared', 4)
      const [aliceName, bobName] = await members(['alice', 'bob'])
      const alice = await connectAs(aliceName!)
      const bob = await connectAs(bobName!)
      expect(await visibleCalls(alice)).toEqual([])
      const mine = await claimBatch(alice, 2, shared.id)
      const theirs = await claimBatch(bob, 2, shared.id)
      expect(mine).toEqual(shared.callIds.slice(0, 2))
      expect(await visibleCalls(alice)).toEqual(mine)
      expect(await visibleCalls(bob)).toEqual(theirs)
      const assignments = await alice.query<{ assignee: string }>('SELECT DISTINCT assignee FROM team.assignment')
      expect(assignments.rows).toEqual([{ assignee: aliceName }])
      const tasks = await alice.query<{ name: string }>('SELECT name FROM team.task')
      expect(tasks.rows).toEqual([{ name: 'shared' }])
      // The published results and transcript follow their call.
      for (const id of shared.callIds) {
        await owner.query("INSERT INTO team.call_result (call_id, ord, name, value) VALUES ($1, 0, '意向', 'A')", [id])
        await owner.query(
          "INSERT INTO team.transcript_line (call_id, ord, line_index, speaker, content, start_ms, end_ms, inferred) VALUES ($1, 0, 0, 'AI', '喂', 0, 900, false)",
          [id],
        )
      }
      for (const table of ['call_result', 'transcript_line']) {
        const { rows } = await alice.query<{ call_id: string }>(`SELECT call_id FROM team.${table} ORDER BY call_id`)
        expect(
          rows.map((r) => Number(r.call_id)),
          table,
        ).toEqual(mine)
      }
    },
    TIMEOUT,
  )

  it(
    'frees a released call for another reviewer and leaves calls the releaser does not hold alone',
    async () => {
      const handover = await campaign('handover', 2)
      const [carolName, danName] = await members(['carol', 'dan'])
      const carol = await connectAs(carolName!)
      const dan = await connectAs(danName!)
      expect(await claimBatch(carol, 5, handover.id)).toEqual(handover.callIds)
      expect(await claimBatch(dan, 5, handover.id)).toEqual([])
      const [first, second] = handover.callIds as [number, number]
      expect(await releaseCalls(dan, [second])).toEqual([])
      expect(await releaseCalls(carol, [first])).toEqual([first])
      expect(await visibleCalls(carol)).toEqual([second])
      expect(await claimBatch(dan, 5, handover.id)).toEqual([first])
      expect(await visibleCalls(dan)).toEqual([first])
    },
    TIMEOUT,
  )

  it(
    'lets another reviewer reclaim a call whose lease ran out while its holder was away',
    async () => {
      const lease = await campaign('lease', 1)
      const [erinName, finnName] = await members(['erin', 'finn'])
      const erin = await connectAs(erinName!)
      const finn = await connectAs(finnName!)
      const call = lease.callIds[0]!
      expect(await claimBatch(erin, 1, lease.id)).toEqual([call])
      const { rows } = await owner.query<{ hours: number }>(
        'SELECT round(extract(epoch FROM lease_until - claimed_at) / 3600)::int AS hours FROM team.assignment WHERE assignee = $1',
        [erinName],
      )
      expect(rows).toEqual([{ hours: 72 }])
      expect(await claimBatch(finn, 1, lease.id)).toEqual([])
      await owner.query(
        "UPDATE team.assignment SET lease_until = now() - interval '1 hour' WHERE assignee = $1 AND call_id = $2",
        [erinName, call],
      )
      expect(await claimBatch(finn, 1, lease.id)).toEqual([call])
      const states = await owner.query<{ assignee: string; state: string }>(
        'SELECT assignee, state FROM team.assignment WHERE call_id = $1 ORDER BY id',
        [call],
      )
      expect(states.rows).toEqual([
        { assignee: erinName, state: 'expired' },
        { assignee: finnName, state: 'open' },
      ])
      expect(await visibleCalls(erin)).toEqual([])
      expect(await releaseCalls(erin, [call])).toEqual([])
    },
    TIMEOUT,
  )

  it(
    'claims lapsed leases before never-held calls, never a finished one, and keeps every call’s held_until true to its assignments',
    async () => {
      const mixed = await campaign('mixed', 6)
      const [ginaName, hugoName] = await members(['kim', 'lou'])
      const gina = await connectAs(ginaName!)
      const hugo = await connectAs(hugoName!)
      const [a, b, c, d, e, f] = mixed.callIds as [number, number, number, number, number, number]
      expect(await claimBatch(gina, 4, mixed.id)).toEqual([a, b, c, d])
      // a is finished, b given back, d's lease lapses (c stays held).
      await owner.query("UPDATE team.assignment SET state = 'done', closed_at = now() WHERE call_id = $1", [a])
      expect(await releaseCalls(gina, [b])).toEqual([b])
      await owner.query("UPDATE team.assignment SET lease_until = now() - interval '1 minute' WHERE call_id = $1", [d])
      const holding = await owner.query<{ call_id: string; held: string }>(
        `SELECT call_id, CASE WHEN held_until IS NULL THEN 'free' WHEN held_until = 'infinity' THEN 'done'
                              WHEN held_until <= now() THEN 'lapsed' ELSE 'held' END AS held
           FROM team.call WHERE call_id = ANY ($1) ORDER BY call_id`,
        [mixed.callIds],
      )
      expect(holding.rows.map((r) => r.held)).toEqual(['done', 'free', 'held', 'lapsed', 'free', 'free'])
      // The lapsed lease first, then never-held and given-back calls in id order; never a or c.
      expect(await claimBatch(hugo, 1, mixed.id)).toEqual([d])
      expect(await claimBatch(hugo, 10, mixed.id)).toEqual([b, e, f])
      expect(await claimBatch(gina, 10, mixed.id)).toEqual([])
      const drift = await owner.query<{ n: string }>(
        'SELECT count(*) AS n FROM team.call WHERE held_until IS DISTINCT FROM team.call_holding(call_id)',
      )
      expect(Number(drift.rows[0]!.n)).toBe(0)
    },
    TIMEOUT,
  )
})

describe('cli team claim and release', () => {
  it(
    'prints the claimed and the released call ids as JSON arrays and exits 0',
    async () => {
      const cli = await campaign('cli', 3)
      const [gwen] = await members(['gwen'])
      const env = { CALLLENS_DB_PASSWORD: passwords.get(gwen!)! }
      const base = ['--db', db.url(), '--user', gwen!]
      const claim = await runCli(['team', 'claim', ...base, '--count', '2', '--campaign', String(cli.id)], env)
      expect(claim.stderr).toBe('')
      expect(claim.code).toBe(0)
      expect(JSON.parse(claim.stdout)).toEqual(cli.callIds.slice(0, 2))
      const release = await runCli(['team', 'release', ...base, '--call', String(cli.callIds[1]), '--call', '7'], env)
      expect(release.code).toBe(0)
      expect(JSON.parse(release.stdout)).toEqual([cli.callIds[1]])
      expect(release.stderr).toBe(`calllens: team: not held by ${gwen}, left alone: 7\n`)
      const { rows } = await owner.query<{ call_id: string }>(
        "SELECT call_id FROM team.assignment WHERE assignee = $1 AND state = 'open'",
        [gwen],
      )
      expect(rows.map((r) => Number(r.call_id))).toEqual([cli.callIds[0]])
    },
    TIMEOUT,
  )

  it(
    'exits 1 on a wrong password without printing it or on an unknown campaign, and 2 when the password variable is unset',
    async () => {
      const [hugo] = await members(['hugo'])
      const url = db.url()
      const wrong = await runCli(['team', 'claim', '--db', url, '--user', hugo!, '--count', '1'], {
        CALLLENS_DB_PASSWORD: 'not-hugos-password-4471',
      })
      expect(wrong.code).toBe(1)
      expect(wrong.stdout).toBe('')
      expect(wrong.stderr).toContain(`password authentication failed for user "${hugo}"`)
      expect(wrong.stderr).not.toContain('not-hugos-password-4471')
      expect(wrong.stderr).not.toContain(cluster.superPassword)
      const unset = await runCli(['team', 'claim', '--db', url, '--user', hugo!, '--count', '1'])
      expect(unset.code).toBe(2)
      expect(unset.stderr).toMatch(/CALLLENS_DB_PASSWORD is not set/)
      const badCount = await runCli(['team', 'claim', '--db', url, '--user', hugo!, '--count', '0'], {
        CALLLENS_DB_PASSWORD: 'x',
      })
      expect(badCount.code).toBe(2)
      expect(badCount.stderr).toMatch(/--count must be a positive integer/)
      const noCampaign = await runCli(
        ['team', 'claim', '--db', url, '--user', hugo!, '--count', '1', '--campaign', '999999'],
        { CALLLENS_DB_PASSWORD: passwords.get(hugo!)! },
      )
      expect(noCampaign.code).toBe(1)
      expect(noCampaign.stderr).toMatch(/claim_batch: there is no campaign 999999/)
      const { rows } = await owner.query('SELECT 1 FROM team.assignment WHERE assignee = $1', [hugo])
      expect(rows).toHaveLength(0)
    },
    TIMEOUT,
  )
})
