// `cli team review`: one review (verdict and optional note) sent as one op through apply_ops, the
// path every desktop's outbox takes, as the member's own login.
import { randomUUID } from 'node:crypto'
import { hostname } from 'node:os'
import { parseArgs } from 'node:util'
import type { VERDICTS } from '../shared/contract/constants'
import { applyOps } from '../services/team/team-reviews'
import { EXIT_FAILED, EXIT_OK, UsageError, positiveInt, required, write } from './cli-support'
import { fail, memberName, memberTarget, withClient } from './team-db'

export const TEAM_REVIEW_HELP = `  team review --db URL --user NAME --call ID --verdict pass|fail|follow-up [--note TEXT] [--device ID]
      Submits member NAME's review of call ID (verdict, and the note when given) through the
      same apply_ops path as a desktop, and prints one JSON line {"callId","status","offLease"}.
      offLease is true when NAME holds no claim on the call (kept, and shown to the lead). A
      review the server did not take (a newer edit from another device: "stale"; a frozen
      calibration grade: "frozen") exits 1. --device names this machine's outbox (default
      cli-NAME-HOSTNAME).
`

const VERDICT_ARGS: Record<string, (typeof VERDICTS)[number]> = { pass: 'pass', fail: 'fail', 'follow-up': 'follow_up' }
const NOTE_MAX = 20_000
const DEVICE = /^[A-Za-z0-9-]{1,64}$/

/** Stable per member and machine: a device id belongs to one member on the server. */
export function defaultDevice(user: string, host = hostname()): string {
  const id = `cli-${user}-${host}`
    .replace(/[^A-Za-z0-9-]+/g, '-')
    .slice(0, 64)
    .replace(/-+$/, '')
  return id
}

/** A hybrid logical clock reading for a one-off op: wall time, counter 0, this device. */
export function cliHlc(device: string, now = Date.now()): string {
  return `${String(now).padStart(15, '0')}-000000-${device}`
}

export async function runReview(argv: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      db: { type: 'string' },
      user: { type: 'string' },
      call: { type: 'string' },
      verdict: { type: 'string' },
      note: { type: 'string' },
      device: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  })
  if (values.help) {
    await write(process.stdout, TEAM_REVIEW_HELP)
    return EXIT_OK
  }
  const user = memberName(values.user)
  const callId = positiveInt('call', required('call', values.call))!
  const verdict = VERDICT_ARGS[required('verdict', values.verdict)]
  if (!verdict) throw new UsageError(`--verdict must be pass, fail or follow-up, got "${values.verdict}"`)
  if (values.note !== undefined && values.note.length > NOTE_MAX) {
    throw new UsageError(`--note must be at most ${NOTE_MAX} characters, got ${values.note.length}`)
  }
  const device = values.device ?? defaultDevice(user)
  if (!DEVICE.test(device)) throw new UsageError(`--device must be 1 to 64 letters, digits or -, got "${device}"`)
  const db = memberTarget(values.db, user, env)
  const fields = values.note === undefined ? { verdict } : { verdict, note: values.note }
  try {
    const [ack] = await withClient(db, (client) =>
      applyOps(client, device, [{ opId: randomUUID(), entity: 'review', callId, hlc: cliHlc(device), fields }]),
    )
    await write(process.stdout, `${JSON.stringify({ callId, status: ack!.status, offLease: ack!.offLease })}\n`)
    if (ack!.status === 'applied') return EXIT_OK
    const why =
      ack!.status === 'frozen'
        ? 'the review is frozen (a revealed calibration grade) and takes no more edits'
        : 'a newer edit from another device already holds these fields'
    await write(process.stderr, `calllens: team: review of call ${callId} not applied: ${why}\n`)
    return EXIT_FAILED
  } catch (error) {
    return fail(db, error)
  }
}
