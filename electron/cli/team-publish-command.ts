// `cli team publish`: the sync host publishes its cache (the active profile of --data-dir) into
// the team catalogue, and prints one JSON line of what it read and wrote.
import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { defaultDataDir } from '../services/data-dir'
import { AppFailure } from '../shared/contract'
import { DEFAULT_CAMPAIGN, publishCatalogue } from '../services/team/team-publish'
import { EXIT_OK, UsageError, positiveInt, write } from './cli-support'
import { withProfileCache } from './profile-cache'
import { DB_PASSWORD_ENV, dbTarget, fail, withClient } from './team-db'

export const TEAM_PUBLISH_HELP = `  team publish --db URL [--data-dir DIR] [--task ID] [--campaign NAME]
      As a sync_host member: publishes the cached tasks (with their stats), calls (with
      recording URLs), results and transcripts into the team catalogue, in batches; only rows
      changed since the last publish are written, so a second run writes nothing. Prints one
      JSON line {"tasks","tasksWritten","calls","callsWritten","resultsWritten","linesWritten"}.
      --task ID publishes one task; --campaign NAME puts the published tasks in that campaign
      (created if new); without it a task keeps its campaign, a new one joins "${DEFAULT_CAMPAIGN}".
      The password comes from the URL or ${DB_PASSWORD_ENV}.
`

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
  const campaign = values.campaign?.trim()
  if (campaign !== undefined && (campaign === '' || campaign.length > 200)) {
    throw new UsageError('--campaign must be a name of 1–200 characters')
  }
  const dataDir = resolve(values['data-dir'] ?? defaultDataDir())
  try {
    const result = await withProfileCache(dataDir, (cache) =>
      withClient(db, (client) => publishCatalogue(client, cache.catalogue, { taskId, campaign })),
    )
    await write(process.stdout, `${JSON.stringify(result)}\n`)
    return EXIT_OK
  } catch (error) {
    // The data directory's own failures (no profile, no directory) say so through the CLI's sentences.
    if (error instanceof AppFailure) throw error
    return fail(db, error)
  }
}
