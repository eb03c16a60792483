// A child process for the team push tests: a device's outbox of deterministic ops (the same op
// ids on every run, as a restarted pusher replays from its start), pushed one batch at a time
// through applyOps, printing `acked <batch> <applied> <duplicate>` after each answer.
import pg from 'pg'
import { applyOps } from '../../services/team/team-reviews'
import type { TeamOpInput } from '../../services/team/sync/contract'

export interface OutboxPlan {
  device: string
  /** 8 hex digits: makes this outbox's op ids its own. */
  idPrefix: string
  callIds: number[]
  commentsPerCall: number
}

const BASE_MS = 1_764_892_800_000

/** One review op then `commentsPerCall` comment ops per call, with clocks in op order. */
export function outbox(plan: OutboxPlan): TeamOpInput[] {
  const ops: TeamOpInput[] = []
  const next = (): { opId: string; hlc: string } => {
    const index = ops.length
    return {
      opId: `${plan.idPrefix}-0000-4000-8000-${index.toString(16).padStart(12, '0')}`,
      hlc: `${String(BASE_MS + index).padStart(15, '0')}-000000-${plan.device}`,
    }
  }
  plan.callIds.forEach((callId, i) => {
    ops.push({ ...next(), entity: 'review', callId, fields: { verdict: i % 2 ? 'fail' : 'pass', note: `note ${i}` } })
    for (let j = 0; j < plan.commentsPerCall; j++) {
      ops.push({
        ...next(),
        entity: 'comment',
        callId,
        key: `c${i}-${j}`,
        fields: { atMs: j * 1000, createdAt: '2026-12-05T00:00:00.000Z', text: `comment ${j} on ${callId}` },
      })
    }
  })
  return ops
}

async function main(): Promise<void> {
  // The URL carries the member's password: from the environment, never argv.
  const url = process.env.PUSHER_DB_URL ?? ''
  const [planJson = '', batchArg = '5'] = process.argv.slice(2)
  const plan = JSON.parse(planJson) as OutboxPlan
  const batch = Number(batchArg)
  const ops = outbox(plan)
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  for (let start = 0, n = 1; start < ops.length; start += batch, n++) {
    const acks = await applyOps(client, plan.device, ops.slice(start, start + batch))
    const applied = acks.filter((a) => a.status === 'applied').length
    const duplicate = acks.filter((a) => a.status === 'duplicate').length
    process.stdout.write(`acked ${n} ${applied} ${duplicate}\n`)
  }
  await client.end()
  process.stdout.write('done\n')
}

if (process.argv[1]?.includes('team-pusher-child')) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`)
    process.exit(1)
  })
}
