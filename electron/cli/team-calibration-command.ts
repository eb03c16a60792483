// `cli team calibration create|submit|reveal|agreement`: blind calibration as the member's own
// login (--user NAME, password from CALLLENS_DB_PASSWORD). Each prints one JSON line.
import { parseArgs } from 'node:util'
import type pg from 'pg'
import { z } from 'zod'
import {
  calibrationAgreement,
  calibrationGradeSchema,
  createCalibration,
  newCalibrationSchema,
  ownGrade,
  revealCalibration,
  submitCalibration,
} from '../services/team/team-calibration'
import { VERDICTS } from '../shared/contract/constants'
import { EXIT_OK, UsageError, positiveInt, required, write } from './cli-support'
import { fail, memberName, memberTarget, withClient } from './team-db'

export const TEAM_CALIBRATION_HELP = `  team calibration create --db URL --user LEAD --name NAME --call ID [--call ID ...]
                          --participant NAME --participant NAME [...] --due TIME
      As a lead: opens a blind calibration session of those calls for those participants
      (reviewers or leads), due at TIME (ISO 8601, in the future); each participant is given the
      calls. Prints {"session": ID}.
  team calibration submit --db URL --user NAME --session ID --call ID --verdict pass|fail|follow-up
                          [--score N] [--note TEXT] [--tag-checks JSON]
      As a participant: grades one call of the session, replacing your previous grade of it whole.
      --tag-checks is a JSON array of {"name","robotValue","status":"confirmed|corrected|missed",
      "correctedValue"}. Refused once the session is revealed. Prints your grade as stored.
  team calibration reveal --db URL --user LEAD --session ID
      As a lead: freezes every grade of the session and shows them to all its participants.
      Prints {"session","revealedAt"}; revealing again changes nothing.
  team calibration agreement --db URL --user NAME --session ID
      Percent agreement and Cohen's kappa per pair of participants, and the overall mean (Light's
      kappa), on verdicts and per tag; for a lead at any time, for a participant after reveal.
      Prints a JSON array of {"measure","tagName","raterA","raterB","items","agreeing","percent","kappa"}.
`

const baseOptions = {
  db: { type: 'string' },
  user: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const

/** The options each input field comes from, to name them in a usage error. */
const OPTION_OF: Record<string, string> = {
  name: '--name',
  callIds: '--call',
  participants: '--participant',
  verdict: '--verdict',
  score: '--score',
  note: '--note',
  tagChecks: '--tag-checks',
}

/** The first problem zod found, named by the option it came from (and where inside it). */
function usage<T>(schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value)
  if (parsed.success) return parsed.data
  const issue = parsed.error.issues[0]!
  const [field, ...inside] = issue.path.map(String)
  const path = inside.map((step) => (/^\d+$/.test(step) ? `[${step}]` : `.${step}`)).join('')
  const where = `${OPTION_OF[field ?? ''] ?? field ?? 'input'}${path ? ` ${path}` : ''}`
  throw new UsageError(`${where}: ${issue.message}`)
}

function verdict(value: string | undefined): string {
  const given = required('verdict', value)
  // The CLI spells it as `team review` does; the stored verdict is the contract's follow_up.
  const normal = given === 'follow-up' ? 'follow_up' : given
  if (!(VERDICTS as readonly string[]).includes(normal)) {
    throw new UsageError(`--verdict must be pass, fail or follow-up, got "${given}"`)
  }
  return normal
}

function grade(values: { verdict?: string; score?: string; note?: string; 'tag-checks'?: string }) {
  let tagChecks: unknown
  if (values['tag-checks'] !== undefined) {
    try {
      tagChecks = JSON.parse(values['tag-checks'])
    } catch {
      throw new UsageError('--tag-checks must be a JSON array')
    }
  }
  const score = values.score === undefined ? undefined : Number(values.score)
  if (score !== undefined && (!Number.isFinite(score) || values.score!.trim() === '')) {
    throw new UsageError(`--score must be a number from 0 to 100, got "${values.score}"`)
  }
  return usage(calibrationGradeSchema, { verdict: verdict(values.verdict), score, note: values.note, tagChecks })
}

async function help(): Promise<number> {
  await write(process.stdout, TEAM_CALIBRATION_HELP)
  return EXIT_OK
}

/** Logs in as --user and prints what `call` returns as one JSON line. */
async function runAs(
  values: { db?: string; user?: string },
  env: NodeJS.ProcessEnv,
  call: (client: pg.Client) => Promise<unknown>,
): Promise<number> {
  const db = memberTarget(values.db, memberName(values.user), env)
  try {
    const result = await withClient(db, call)
    await write(process.stdout, `${JSON.stringify(result)}\n`)
    return EXIT_OK
  } catch (error) {
    return fail(db, error)
  }
}

function parse<O extends Record<string, { type: 'string' | 'boolean'; multiple?: boolean }>>(
  argv: string[],
  options: O,
) {
  return parseArgs({ args: argv, options: { ...baseOptions, ...options }, strict: true }).values
}

const sessionOf = (value: string | undefined): number => positiveInt('session', required('session', value))!

async function runCreate(argv: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const values = parse(argv, {
    name: { type: 'string' },
    call: { type: 'string', multiple: true },
    participant: { type: 'string', multiple: true },
    due: { type: 'string' },
  } as const)
  if (values.help) return help()
  memberName(values.user)
  const callIds = required('call', values.call).map((id) => positiveInt('call', id)!)
  const participants = required('participant', values.participant)
  const dueText = required('due', values.due)
  const due = new Date(dueText)
  if (Number.isNaN(due.getTime())) throw new UsageError(`--due must be an ISO 8601 time, got "${dueText}"`)
  const input = usage(newCalibrationSchema, { name: required('name', values.name), callIds, participants, due })
  return runAs(values, env, async (client) => ({ session: await createCalibration(client, input) }))
}

async function runSubmit(argv: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const values = parse(argv, {
    session: { type: 'string' },
    call: { type: 'string' },
    verdict: { type: 'string' },
    score: { type: 'string' },
    note: { type: 'string' },
    'tag-checks': { type: 'string' },
  } as const)
  if (values.help) return help()
  memberName(values.user)
  const session = sessionOf(values.session)
  const callId = positiveInt('call', required('call', values.call))!
  const given = grade(values)
  return runAs(values, env, async (client) => {
    await submitCalibration(client, session, callId, given)
    return ownGrade(client, session, callId)
  })
}

async function runReveal(argv: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const values = parse(argv, { session: { type: 'string' } } as const)
  if (values.help) return help()
  memberName(values.user)
  const session = sessionOf(values.session)
  return runAs(values, env, async (client) => ({ session, revealedAt: await revealCalibration(client, session) }))
}

async function runAgreement(argv: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const values = parse(argv, { session: { type: 'string' } } as const)
  if (values.help) return help()
  memberName(values.user)
  const session = sessionOf(values.session)
  return runAs(values, env, (client) => calibrationAgreement(client, session))
}

export async function runCalibration(argv: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const [sub, ...rest] = argv
  if (sub === '--help' || sub === '-h' || sub === 'help') return help()
  if (sub === 'create') return runCreate(rest, env)
  if (sub === 'submit') return runSubmit(rest, env)
  if (sub === 'reveal') return runReveal(rest, env)
  if (sub === 'agreement') return runAgreement(rest, env)
  throw new UsageError(
    sub === undefined
      ? 'team calibration needs a subcommand: create, submit, reveal or agreement'
      : `unknown team calibration command "${sub}"`,
  )
}
