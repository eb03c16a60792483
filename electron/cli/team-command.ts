// `cli team …`: setting up a team server in PostgreSQL (`init`, `add-member`) and a member's
// claims (`claim`, `release`) and reviews (`review`); publish, calibration and the lead's reports
// have their own files. The database URL may carry a password: messages name only host, port and database.
import { parseArgs } from 'node:util'
import { addMember, initTeam, memberNameProblem } from '../services/team/team-admin'
import { claimBatch, releaseCalls } from '../services/team/team-claims'
import { GROUP_ROLES, type TeamRole } from '../services/team/team-schema'
import { passwordProblem } from '../services/team/scram-verifier'
import { EXIT_OK, UsageError, positiveInt, required, write } from './cli-support'
import { TEAM_CALIBRATION_HELP, runCalibration } from './team-calibration-command'
import { TEAM_PUBLISH_HELP, runPublish } from './team-publish-command'
import { TEAM_REPORT_HELP, runReport } from './team-report-command'
import { TEAM_REVIEW_HELP, runReview } from './team-review-command'
import { dbTarget, fail, memberName, memberTarget, withClient } from './team-db'

export const TEAM_HELP = `Usage: npm run cli -- team <init|add-member|publish|claim|release|review|calibration|report> --db URL [options]

Sets up a CallLens team server in a PostgreSQL database; claims, releases and reviews a member's
calls; runs blind calibration sessions and the lead's reports.

  team init --db URL
      Creates or migrates the \`team\` schema and the group roles reviewer, lead, sync_host.
      Safe to run again: an up-to-date database is left as it is.
  team add-member --db URL --name NAME --role reviewer|lead|sync_host [--password-env VAR]
      Creates the member's login role and prints one JSON line {"name","role","password"}:
      a generated password, shown only this once; with --password-env the password is read
      from the environment variable VAR (at least 8 printable ASCII characters) and printed
      as null. Only a SCRAM verifier of the password is sent to the server.
${TEAM_PUBLISH_HELP}
  team claim --db URL --user NAME --count N [--campaign ID]
      Claims up to N calls nobody holds (in campaign ID, or any), under a lease and within the
      per-reviewer cap, and prints the claimed call ids as one JSON array.
  team release --db URL --user NAME --call ID [--call ID ...]
      Gives calls back and prints the released call ids as one JSON array.
${TEAM_REVIEW_HELP}${TEAM_CALIBRATION_HELP}${TEAM_REPORT_HELP}      claim, release, review, calibration and report log in as member NAME (--user) with the
      password in CALLLENS_DB_PASSWORD.

  --db URL     postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE: for init and add-member a role that
               may create roles, for publish a sync_host member (the password may also come
               from CALLLENS_DB_PASSWORD or PGPASSWORD)
  -h, --help   show this help

Exit status: 0 on success, 1 when the database refused or failed, 2 for a usage error.
`

const MAX_CLAIM = 1000

async function runInit(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { db: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    strict: true,
  })
  if (values.help) return help()
  const db = dbTarget(values.db)
  try {
    const result = await withClient(db, initTeam)
    const roles = result.rolesCreated.length > 0 ? `; group roles created: ${result.rolesCreated.join(', ')}` : ''
    const line =
      result.fromVersion === result.toVersion
        ? `team init: ${db.where} already at schema version ${result.toVersion}, nothing to do${roles}`
        : `team init: ${db.where} migrated from schema version ${result.fromVersion} to ${result.toVersion}${roles}`
    await write(process.stdout, `${line}\n`)
    return EXIT_OK
  } catch (error) {
    return fail(db, error)
  }
}

async function runAddMember(argv: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      db: { type: 'string' },
      name: { type: 'string' },
      role: { type: 'string' },
      'password-env': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  })
  if (values.help) return help()
  const db = dbTarget(values.db)
  const name = required('name', values.name)
  const problem = memberNameProblem(name)
  if (problem) throw new UsageError(`--name: ${problem}`)
  const role = required('role', values.role) as TeamRole
  if (!GROUP_ROLES.includes(role)) {
    throw new UsageError(`--role must be one of ${GROUP_ROLES.join(', ')}, got "${values.role}"`)
  }
  let password: string | undefined
  const variable = values['password-env']
  if (variable !== undefined) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(variable)) throw new UsageError('--password-env must name a variable')
    password = env[variable]
    if (!password) throw new UsageError(`--password-env: ${variable} is not set or empty`)
    const weak = passwordProblem(password)
    if (weak) throw new UsageError(`--password-env: ${weak}`)
  }
  try {
    const added = await withClient(db, (client) => addMember(client, { name, role, password }))
    const shown = password === undefined ? added.password : null
    await write(process.stdout, `${JSON.stringify({ name, role, password: shown })}\n`)
    return EXIT_OK
  } catch (error) {
    return fail(db, error)
  }
}

async function runClaim(argv: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      db: { type: 'string' },
      user: { type: 'string' },
      count: { type: 'string' },
      campaign: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  })
  if (values.help) return help()
  const user = memberName(values.user)
  const count = positiveInt('count', required('count', values.count))!
  if (count > MAX_CLAIM) throw new UsageError(`--count must be at most ${MAX_CLAIM}, got ${count}`)
  const campaign = positiveInt('campaign', values.campaign)
  const db = memberTarget(values.db, user, env)
  try {
    const claimed = await withClient(db, (client) => claimBatch(client, count, campaign))
    await write(process.stdout, `${JSON.stringify(claimed)}\n`)
    return EXIT_OK
  } catch (error) {
    return fail(db, error)
  }
}

async function runRelease(argv: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      db: { type: 'string' },
      user: { type: 'string' },
      call: { type: 'string', multiple: true },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  })
  if (values.help) return help()
  const user = memberName(values.user)
  const calls = required('call', values.call?.length ? values.call : undefined).map((id) => positiveInt('call', id)!)
  const db = memberTarget(values.db, user, env)
  try {
    const released = await withClient(db, (client) => releaseCalls(client, calls))
    const notHeld = calls.filter((id) => !released.includes(id))
    if (notHeld.length > 0) {
      await write(process.stderr, `calllens: team: not held by ${user}, left alone: ${notHeld.join(', ')}\n`)
    }
    await write(process.stdout, `${JSON.stringify(released)}\n`)
    return EXIT_OK
  } catch (error) {
    return fail(db, error)
  }
}

async function help(): Promise<number> {
  await write(process.stdout, TEAM_HELP)
  return EXIT_OK
}

export async function runTeam(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv
  if (sub === '--help' || sub === '-h' || sub === 'help') return help()
  if (sub === 'init') return runInit(rest)
  if (sub === 'add-member') return runAddMember(rest, process.env)
  if (sub === 'publish') return runPublish(rest, process.env)
  if (sub === 'claim') return runClaim(rest, process.env)
  if (sub === 'release') return runRelease(rest, process.env)
  if (sub === 'review') return runReview(rest, process.env)
  if (sub === 'calibration') return runCalibration(rest, process.env)
  if (sub === 'report') return runReport(rest, process.env)
  throw new UsageError(
    sub === undefined
      ? 'team needs a subcommand: init, add-member, publish, claim, release, review, calibration or report'
      : `unknown team command "${sub}"`,
  )
}
