// `cli team report progress|overdue|accuracy`: the lead's views as the lead's own login (--user
// NAME, password from CALLLENS_DB_PASSWORD), each printed as one JSON array.
import { parseArgs } from 'node:util'
import { overdueLeases, tagAccuracy, teamProgress } from '../services/team/team-reports'
import { EXIT_OK, UsageError, positiveInt, write } from './cli-support'
import { fail, memberName, memberTarget, withClient } from './team-db'

export const TEAM_REPORT_HELP = `  team report progress|overdue|accuracy --db URL --user LEAD [--campaign ID]
      As a lead, one JSON array: progress — per reviewer and campaign, normal assignments open,
      overdue (lease ran out), done, expired and released, reviews with a verdict and how many of
      them were written off-lease; overdue — open claims past their lease, oldest first, with
      assignee and call; accuracy — the robot's tags per result name over the whole team's
      normal-review tag checks (checked, confirmed, corrected, missed, accuracy with its 95 %
      Wilson interval, as on the Insights page), in campaign ID or all.
`

const REPORTS = ['progress', 'overdue', 'accuracy'] as const

export async function runReport(argv: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const [sub, ...rest] = argv
  if (sub === '--help' || sub === '-h' || sub === 'help') {
    await write(process.stdout, TEAM_REPORT_HELP)
    return EXIT_OK
  }
  if (!REPORTS.includes(sub as (typeof REPORTS)[number])) {
    throw new UsageError(
      sub === undefined
        ? 'team report needs progress, overdue or accuracy'
        : `unknown team report "${sub}": use progress, overdue or accuracy`,
    )
  }
  const { values } = parseArgs({
    args: rest,
    options: {
      db: { type: 'string' },
      user: { type: 'string' },
      campaign: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  })
  if (values.help) {
    await write(process.stdout, TEAM_REPORT_HELP)
    return EXIT_OK
  }
  const campaign = positiveInt('campaign', values.campaign)
  if (campaign !== undefined && sub !== 'accuracy')
    throw new UsageError('--campaign applies only to `team report accuracy`')
  const db = memberTarget(values.db, memberName(values.user), env)
  try {
    const rows = await withClient<unknown[]>(db, (client) =>
      sub === 'progress'
        ? teamProgress(client)
        : sub === 'overdue'
          ? overdueLeases(client)
          : tagAccuracy(client, campaign),
    )
    await write(process.stdout, `${JSON.stringify(rows)}\n`)
    return EXIT_OK
  } catch (error) {
    return fail(db, error)
  }
}
