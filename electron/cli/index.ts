// Headless CLI entry: `npm run cli -- <sync|export|stats|team> …`. Dispatches to a command and turns
// whatever it throws into one line on stderr and the documented exit status.
import { SECRET_ENV } from '../services/profiles/secret-store'
import { EXIT_FAILED, EXIT_USAGE, UsageError, describeError, redact, write } from './cli-support'
import { runExport } from './export-command'
import { runStats } from './stats-command'
import { runSync } from './sync-command'
import { runTeam } from './team-command'

const HELP = `Usage: npm run cli -- <command> [options]

Commands:
  sync     pull a BYRobot company's tasks and calls into the CallLens cache
  export   write the cached calls, not-dialed customers or tasks as JSON, CSV or XLSX
  stats    QA insight of the cached calls: AI latency, barge-ins, silences, aiUnknown, hang-ups, tag accuracy
  team     a team server in PostgreSQL: team init, add-member, publish, claim, release

Run \`npm run cli -- <command> --help\` for a command's options.
`

const COMMANDS: Record<string, (argv: string[]) => Promise<number>> = {
  sync: runSync,
  export: runExport,
  stats: runStats,
  team: runTeam,
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    await write(command === undefined ? process.stderr : process.stdout, HELP)
    return command === undefined ? EXIT_USAGE : 0
  }
  const run = Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined
  if (!run) throw new UsageError(`unknown command "${command}" (expected sync, export, stats or team)`)
  return run(rest)
}

function isUsageError(error: unknown): boolean {
  // parseArgs reports unknown or malformed options with these codes.
  const code = (error as { code?: unknown } | null)?.code
  return error instanceof UsageError || (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS_'))
}

// A reader that went away (`… | head`) is not an error worth a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(EXIT_FAILED)
  throw error
})

main(process.argv.slice(2))
  .catch(async (error: unknown) => {
    const usage = isUsageError(error)
    const message = usage ? `${(error as Error).message}; see --help` : describeError(error)
    await write(process.stderr, `calllens: ${redact(message, process.env[SECRET_ENV])}\n`)
    return usage ? EXIT_USAGE : EXIT_FAILED
  })
  // Explicit exit: keep-alive sockets of the HTTP client must not hold a finished command open.
  .then((code) => process.exit(code))
