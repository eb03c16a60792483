// 7. Team: 50 simulated desktops (50 reviewer login roles, a pg connection each) against one
// throwaway PostgreSQL cluster. Claims: every desktop claims batches from one campaign until
// nothing is left — latency, calls per second, and no call claimed twice. Then, when the server
// has them (team.apply_ops / team.pull_changes, sync/contract.ts), every desktop pushes a review
// op per call it holds while one member's second device pulls: ops per second, and propagation
// from one device's edit to the other's pull. Baseline for claims: one desktop alone.
import { randomUUID } from 'node:crypto'
import type pg from 'pg'
import { claimBatch } from '../electron/services/team/team-claims'
import {
  START_CURSOR,
  changeRowSchema,
  opAckSchema,
  teamOpSchema,
  type PullCursor,
  type TeamOpInput,
} from '../electron/services/team/sync/contract'
import type { BenchOptions } from './lib/bench'
import { figure, p95AtMost, single, stat, type Figure } from './lib/figures'
import { desktops, publishCampaign, startTeamServer, type Desktop } from './lib/team-server'

const BENCH = 'team'
const DESKTOPS = 50
const BATCH = 20
/** The second device pulls on a `team_changes` NOTIFY poke, and at least this often (the backstop). */
const POLL_MS = 200
const POKE_CHANNEL = 'team_changes'
const ABSENT = 'n/a (server functions not present)'

/** A hybrid logical clock reading as the contract spells it. */
let counter = 0
const hlc = (device: string): string =>
  `${String(Date.now()).padStart(15, '0')}-${String(counter++ % 1_000_000).padStart(6, '0')}-${device}`

function reviewOp(device: string, callId: number, note: string): TeamOpInput {
  return teamOpSchema.parse({
    opId: randomUUID(),
    callId,
    hlc: hlc(device),
    entity: 'review',
    fields: { verdict: 'pass', note },
  })
}

async function applyOps(client: pg.Client, device: string, ops: TeamOpInput[]) {
  const { rows } = await client.query<{ acks: unknown }>('SELECT team.apply_ops($1, $2::jsonb) AS acks', [
    device,
    JSON.stringify(ops),
  ])
  return opAckSchema.array().parse(rows[0]!.acks)
}

async function pull(client: pg.Client, cursor: PullCursor) {
  const { rows } = await client.query(
    'SELECT txid::text AS txid, seq, member, call_id AS "callId", entity, entity_key AS "entityKey", "row" FROM team.pull_changes($1::xid8, $2, 500)',
    [cursor.txid, cursor.seq],
  )
  return changeRowSchema.array().parse(rows)
}

/** Each desktop claims batches until the campaign is empty; every claim's latency in ms. */
async function claimAll(fleet: Desktop[], campaign: number) {
  const held = new Map<string, number[]>()
  const times: number[] = []
  const started = performance.now()
  await Promise.all(
    fleet.map(async ({ member, client }) => {
      const mine: number[] = []
      for (;;) {
        const t0 = performance.now()
        const ids = await claimBatch(client, BATCH, campaign)
        times.push(performance.now() - t0)
        if (ids.length === 0) break
        mine.push(...ids)
      }
      held.set(member, mine)
    }),
  )
  return { held, times, seconds: (performance.now() - started) / 1000 }
}

/** No call claimed twice, none left: in what the desktops got and in the server's assignments. */
async function checkClaims(owner: pg.Client, held: Map<string, number[]>, callIds: number[]): Promise<void> {
  const all = [...held.values()].flat()
  const twice = all.length - new Set(all).size
  if (twice > 0) throw new Error(`${twice} calls were claimed twice`)
  if (all.length !== callIds.length) throw new Error(`${all.length} of ${callIds.length} calls were claimed`)
  const { rows } = await owner.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM (SELECT call_id FROM team.assignment WHERE state = 'open'
       GROUP BY call_id HAVING count(*) > 1) twice`,
  )
  if (rows[0]!.n > 0) throw new Error(`${rows[0]!.n} calls have two open assignments`)
}

/**
 * Every desktop but the first pushes one review op per call it holds, in batches of BATCH ops,
 * round after round (each a new edit under a newer clock) until `done()` after a first round.
 */
async function pushAll(fleet: Desktop[], held: Map<string, number[]>, done: () => boolean) {
  let ops = 0
  let applied = 0
  const started = performance.now()
  await Promise.all(
    fleet.map(async ({ member, client }) => {
      const calls = held.get(member) ?? []
      const device = `bench-${member}`
      for (let round = 1; round === 1 || !done(); round++) {
        for (let i = 0; i < calls.length; i += BATCH) {
          const batch = calls.slice(i, i + BATCH).map((id) => reviewOp(device, id, `round ${round} of ${id}`))
          const acks = await applyOps(client, device, batch)
          ops += batch.length
          applied += acks.filter((ack) => ack.status === 'applied').length
        }
      }
    }),
  )
  return { ops, applied, seconds: (performance.now() - started) / 1000 }
}

/** Resolves on the next NOTIFY poke to `client`, or after `ms` (the periodic pull). */
function pokeOrTimeout(client: pg.Client, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer)
      client.off('notification', done)
      resolve()
    }
    const timer = setTimeout(done, ms)
    client.on('notification', done)
  })
}

/**
 * Device A edits one of its calls; device B (same member) pulls on each poke and every POLL_MS
 * until it has the edit: ms from A's apply_ops call to B's pull holding it.
 */
async function propagation(a: pg.Client, b: pg.Client, member: string, calls: number[], samples: number) {
  await b.query(`LISTEN ${POKE_CHANNEL}`)
  let cursor = START_CURSOR
  // Start past whatever is already in the feed.
  for (let page = await pull(b, cursor); page.length > 0; page = await pull(b, cursor)) {
    cursor = { txid: page.at(-1)!.txid, seq: page.at(-1)!.seq }
  }
  const device = `bench-${member}-a`
  const times: number[] = []
  for (let i = 0; i < samples; i++) {
    const callId = calls[i % calls.length]!
    const note = `propagation sample ${i}`
    const t0 = performance.now()
    // B listens from before the edit, as a running desktop does.
    let poked = pokeOrTimeout(b, POLL_MS)
    await applyOps(a, device, [reviewOp(device, callId, note)])
    for (;;) {
      const page = await pull(b, cursor)
      if (page.length > 0) cursor = { txid: page.at(-1)!.txid, seq: page.at(-1)!.seq }
      const seen = page.some(
        (row) => row.callId === callId && row.entity === 'review' && JSON.stringify(row.row).includes(note),
      )
      if (seen) break
      if (performance.now() - t0 > 10_000) throw new Error(`device B did not see sample ${i} within 10 s`)
      await poked
      poked = pokeOrTimeout(b, POLL_MS)
    }
    times.push(performance.now() - t0)
    await poked
    // A random phase against B's periodic pull, as edits do not wait for it.
    await new Promise((resolve) => setTimeout(resolve, Math.random() * POLL_MS))
  }
  return times
}

export async function runTeamBench(options: BenchOptions): Promise<Figure[]> {
  const calls = options.quick ? 1000 : 4000
  const samples = options.quick ? 10 : 40
  options.log(`team: PostgreSQL cluster, ${DESKTOPS} desktops, a campaign of ${calls} calls`)
  const server = await startTeamServer()
  try {
    await server.owner.query('UPDATE team.claim_policy SET max_open = 100000')
    const shared = await publishCampaign(server.owner, 'bench', calls, 1_000_000)
    // The same size, as each claim's search for free calls passes over those already taken.
    const alone = await publishCampaign(server.owner, 'alone', calls, 2_000_000)
    const fleet = await desktops(server, 'desk', DESKTOPS)
    const [solo] = await desktops(server, 'solo', 1)

    options.log('team: one desktop claiming alone (baseline)')
    const soloRun = await claimAll([solo!], alone.campaign)
    options.log(`team: ${DESKTOPS} desktops claiming at once`)
    const run = await claimAll(fleet, shared.campaign)
    await checkClaims(server.owner, run.held, shared.callIds)
    const claimed = [...run.held.values()].flat().length
    const figures = [
      figure({
        bench: BENCH,
        name: `claim_batch(${BATCH}) latency, ${DESKTOPS} desktops at once`,
        unit: 'ms',
        value: stat(run.times),
        baseline: { name: 'one desktop alone', ...stat(soloRun.times) },
        note: `${claimed} calls claimed by ${DESKTOPS} desktops in ${run.times.length} claims: none twice, none left`,
      }),
      figure({
        bench: BENCH,
        name: `calls claimed per second, ${DESKTOPS} desktops`,
        unit: 'calls/s',
        value: single(claimed / run.seconds),
        baseline: { name: 'one desktop alone', ...single(alone.callIds.length / soloRun.seconds) },
      }),
    ]
    if (!server.hasSyncFunctions) {
      options.log('team: team.apply_ops / team.pull_changes absent: ops and propagation not measured')
      return [
        ...figures,
        figure({
          bench: BENCH,
          name: 'review ops pushed per second (apply_ops)',
          unit: 'ops/s',
          value: single(NaN),
          unavailable: ABSENT,
        }),
        figure({
          bench: BENCH,
          name: 'propagation: edit on device A → seen in device B’s pull',
          unit: 'ms',
          value: single(NaN),
          target: p95AtMost(1000, 'ms'),
          unavailable: ABSENT,
        }),
      ]
    }
    const [first, ...others] = fleet
    const deviceB = await server.connect(first!.member, first!.password)
    options.log(`team: ${others.length} desktops pushing ops while device B of ${first!.member} pulls`)
    // Propagation is sampled while the others push, so the feed is busy as in a working team.
    let sampled = false
    const [push, lag] = await Promise.all([
      pushAll(others, run.held, () => sampled),
      propagation(first!.client, deviceB, first!.member, run.held.get(first!.member)!, samples).finally(
        () => (sampled = true),
      ),
    ])
    return [
      ...figures,
      figure({
        bench: BENCH,
        name: `review ops pushed per second (apply_ops in batches of ${BATCH}, ${others.length} desktops)`,
        unit: 'ops/s',
        value: single(push.ops / push.seconds),
        note: `${push.ops} ops pushed, ${push.applied} applied`,
      }),
      figure({
        bench: BENCH,
        name: `propagation: edit on device A → seen in device B’s pull (on NOTIFY, else every ${POLL_MS} ms)`,
        unit: 'ms',
        value: stat(lag),
        target: p95AtMost(1000, 'ms'),
      }),
    ]
  } finally {
    await server.close()
  }
}
