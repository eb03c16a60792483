// `cli team publish`: the sync host publishes its cache (the active profile of --data-dir) into
// the team catalogue, and prints one JSON line of what it read and wrote.
import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { defaultDataDir } from '../services/data-dir'
import type { CatalogueReader } from '../services/cache/catalogue-reader'
import { DEFAULT_CAMPAIGN, publishCatalogue, type PublishOptions } from '../services/team/team-publish'
import { EXIT_OK, UsageError, positiveInt, write } from './cli-support'
import { withProfileCache } from './profile-cache'
import { DB_PASSWORD_ENV, dbTarget, fail, withClient, type DbTarget } from './team-db'

export const TEAM_PUBLISH_HELP = `  team publish --db URL [--data-dir DIR] [--task ID] [--campaign NAME]
      As a sync_host member: publishes the cached tasks (with their stats), calls (with
      recording URLs), results and transcripts into the team catalogue, in batches; only rows
      changed since the last publish are written, so a second run writes nothing. Prints one
      JSON line {"tasks","tasksWritten","calls","callsWritten","resultsWritten","linesWritten"}.
      --task ID publishes one task; --campaign NAME puts the published tasks in that campaign
      (created if new); without it a task keeps its campaign, a new one joins "${DEFAULT_CAMPAIGN}".
      The password comes from the URL or ${DB_PASSWORD_ENV}. \`sync … --publish URL\` does the
      same right after a sync.
`

/** --campaign: trimmed, 1–200 characters; undefined when not given. */
export function campaignOption(value: string | undefined): string | undefined {
  const campaign = value?.trim()
  if (campaign !== undefined && (campaign === '' || campaign.length > 200)) {
    throw new UsageError('--campaign must be a name of 1–200 characters')
  }
  return campaign
}

/** Publishes and prints the JSON line; a database refusal or failure is one `calllens:` line and exit 1. */
export async function publishAndReport(
  db: DbTarget,
  catalogue: CatalogueReader,
  options: PublishOptions,
): Promise<number> {
  try {
    const result = await withClient(db, (client) => publishCatalogue(client, catalogue, options))
    await write(process.stdout, `${JSON.stringify(result)}\n`)
    return EXIT_OK
  } catch (error) {
    return fail(db, error)
  }
}

export async function runPublish(argv: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      db: { type: 'string' },
      'data-dir': { type: 'string' },
      task: { type: 'string' },
      campaign: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  })
  if (values.help) {
    await write(process.stdout, TEAM_PUBLISH_HELP)
    return EXIT_OK
  }
  const db = dbTarget(values.db, env)
  const taskId = positiveInt('task', values.task)
  const campaign = campaignOption(values.campaign)
  const dataDir = resolve(values['data-dir'] ?? defaultDataDir())
  // The data directory's own failures (no profile, no directory) throw AppFailure and say so
  // through the CLI's sentences; only the database's become `calllens: team:` lines.
  return withProfileCache(dataDir, (cache) => publishAndReport(db, cache.catalogue, { taskId, campaign }))
}
