// `cli sync`: the app's own SyncService, headless, for scheduled prefetch. The connection
// profile is found or created in the data directory; the secret comes only from the environment.
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import type { SyncProgress } from '../shared/contract'
import { createNodeServices } from '../services/create-node-services'
import { defaultDataDir, ensureDataDir } from '../services/data-dir'
import type { Profile, ProfileService } from '../services/profiles/profile-service'
import { SECRET_ENV } from '../services/profiles/secret-store'
import {
  EXIT_FAILED,
  EXIT_INTERRUPTED,
  EXIT_OK,
  UsageError,
  failureSentence,
  positiveInt,
  redact,
  required,
  write,
} from './cli-support'
import { createProgressReporter, formatBytes } from './progress-reporter'
import { DB_PASSWORD_ENV, dbTarget, type DbTarget } from './team-db'
import { campaignOption, publishAndReport } from './team-publish-command'

export const SYNC_HELP = `Usage: npm run cli -- sync --base-url URL --app-key KEY --company ID [options]

Pulls a BYRobot company's tasks and finished calls (details, transcripts, recordings)
into the CallLens cache, exactly as the app's Sync button does.

  --base-url URL     BYRobot open API base URL (e.g. https://open.byrobot.cn/openapi/v1)
  --app-key KEY      the app key
  --company ID       the company id
  --task ID          only this task (default: every task of the company)
  --data-dir DIR     CallLens data directory (default: CALLLENS_DATA_DIR or the app's)
  --concurrency N    requests in flight at once (default 6)
  --publish URL      then publish the cache into the team catalogue at this postgres:// URL,
                     as \`team publish\` does (a sync_host member; the password from the URL
                     or ${DB_PASSWORD_ENV}); also after a partial sync, not after a failed or
                     interrupted one. Prints team publish's JSON line after the summary.
  --campaign NAME    with --publish: put the published tasks in this campaign
  -h, --help         show this help

The app secret is read from the ${SECRET_ENV} environment variable only.
Exit status: 0 when every call synced (and published), 1 when the sync failed, any task or
call failed or the publish failed, 2 for a usage error, 130 when interrupted (Ctrl-C stops
cleanly; run again to resume).
`

interface SyncArgs {
  baseUrl: string
  appKey: string
  companyId: number
  taskId: number | undefined
  dataDir: string
  concurrency: number | undefined
  secret: string
  /** --publish: the team database to publish into after the sync. */
  publish: { db: DbTarget; campaign: string | undefined } | undefined
}

function parseSyncArgs(argv: string[], env: NodeJS.ProcessEnv): SyncArgs | 'help' {
  const { values } = parseArgs({
    args: argv,
    options: {
      'base-url': { type: 'string' },
      'app-key': { type: 'string' },
      company: { type: 'string' },
      task: { type: 'string' },
      'data-dir': { type: 'string' },
      concurrency: { type: 'string' },
      publish: { type: 'string' },
      campaign: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  })
  if (values.help) return 'help'
  const baseUrl = required('base-url', values['base-url']).replace(/\/+$/, '')
  if (!/^https?:\/\/[^/]/i.test(baseUrl) || !URL.canParse(baseUrl)) {
    throw new UsageError(`--base-url must be an http(s) URL, got "${baseUrl}"`)
  }
  const concurrency = positiveInt('concurrency', values.concurrency)
  if (concurrency !== undefined && concurrency > 32) throw new UsageError('--concurrency must be at most 32')
  const secret = env[SECRET_ENV]
  if (!secret) throw new UsageError(`${SECRET_ENV} is not set: export the app secret in it before running sync`)
  // Checked before the sync starts: a typo must not cost a long sync first.
  const campaign = campaignOption(values.campaign)
  if (campaign !== undefined && values.publish === undefined) throw new UsageError('--campaign needs --publish')
  const publish = values.publish === undefined ? undefined : { db: dbTarget(values.publish, env, 'publish'), campaign }
  return {
    baseUrl,
    appKey: required('app-key', values['app-key']),
    companyId: positiveInt('company', required('company', values.company))!,
    taskId: positiveInt('task', values.task),
    dataDir: values['data-dir'] ?? defaultDataDir(),
    concurrency,
    secret,
    publish,
  }
}

/** The profile for this base URL, key and company: reused so a re-run resumes the same cache. */
function profileFor(profiles: ProfileService, args: SyncArgs): Profile {
  const existing = profiles
    .list()
    .profiles.map((view) => profiles.get(view.id))
    .find((p) => p.baseUrl === args.baseUrl && p.appKey === args.appKey && p.companyId === args.companyId)
  if (existing) return existing
  // No appSecret given: the key-file store falls back to the environment, so none is written to disk.
  const view = profiles.save({
    name: `${new URL(args.baseUrl).host} · ${args.companyId}`,
    baseUrl: args.baseUrl,
    appKey: args.appKey,
    companyId: args.companyId,
  })
  return profiles.get(view.id)
}

/** "task 3001 (回访二期)": how the CLI names a task. */
function taskLabel(error: SyncProgress['errors'][number]): string {
  return error.taskName ? `task ${error.taskId} (${error.taskName})` : `task ${error.taskId}`
}

/** The summary line for stdout, and the reasons (whole-sync failure, failed tasks and calls) for stderr. */
function summary(progress: SyncProgress, seconds: number): { out: string; err: string } {
  const failedTasks = progress.errors.filter((error) => error.callInstanceId === null)
  const failed = progress.errors.length - failedTasks.length
  const synced = Math.max(0, progress.callsDone - failed)
  const out =
    `sync ${progress.phase}: ${synced} calls synced, ${formatBytes(progress.bytes)} downloaded, ` +
    `${failed} failed, in ${seconds.toFixed(1)} s\n`
  const reasons: string[] = []
  if (progress.failure) reasons.push(`calllens: ${failureSentence(progress.failure.code, progress.failure.message)}`)
  for (const error of progress.errors) {
    const where = error.callInstanceId === null ? taskLabel(error) : `call ${error.callInstanceId}`
    reasons.push(`calllens: ${where} failed: ${failureSentence(error.code, error.message)}`)
  }
  if (failedTasks.length > 0) {
    const names = failedTasks.map(taskLabel).join(', ')
    reasons.push(`calllens: not synced (every other task was): ${names}; run sync again once the cause is fixed`)
  }
  return { out, err: reasons.map((line) => `${line}\n`).join('') }
}

export async function runSync(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const args = parseSyncArgs(argv, env)
  if (args === 'help') {
    await write(process.stdout, SYNC_HELP)
    return EXIT_OK
  }
  const dataDir = ensureDataDir(args.dataDir)
  const services = createNodeServices({
    dataDir,
    env,
    concurrency: args.concurrency,
    appRoot: join(import.meta.dirname, '../..'),
  })
  const { profiles, workspace, sync, events } = services
  const profile = profileFor(profiles, args)
  profiles.activate(profile.id)
  const open = workspace.current()
  // The secret given to this run wins over any key file the app may have written for the profile.
  const client = workspace.clientFor({ ...profile, appSecret: args.secret })

  const reporter = createProgressReporter(process.stdout)
  const unsubscribe = events.subscribe((event) => {
    if (event.name === 'sync.progress') reporter.update(event.payload)
  })
  let interrupted = false
  const onInterrupt = (): void => {
    // Idempotent: Ctrl-C reaches every process of the group (npm, tsx, node) and tsx relays it,
    // so one keypress can arrive twice. Cancelling aborts requests in flight, so it is quick anyway.
    interrupted = true
    sync.cancel()
  }
  const stopListening = (): void => {
    unsubscribe()
    process.off('SIGINT', onInterrupt)
    process.off('SIGTERM', onInterrupt)
  }
  process.on('SIGINT', onInterrupt)
  process.on('SIGTERM', onInterrupt)
  const started = Date.now()
  try {
    sync.start({ profileId: profile.id, profileDir: open.dir, client, cache: open.cache }, args.taskId)
    const final = (await sync.wait())!
    reporter.stop()
    // From here Ctrl-C is the default again: it stops the publish like any command (whole
    // batches stay, the next publish continues from what differs).
    stopListening()
    const { out, err } = summary(final, (Date.now() - started) / 1000)
    await write(process.stdout, redact(out, args.secret))
    if (err) await write(process.stderr, redact(err, args.secret))
    if (interrupted) return EXIT_INTERRUPTED
    const code = final.phase === 'done' && final.errors.length === 0 ? EXIT_OK : EXIT_FAILED
    if (!args.publish) return code
    if (final.phase !== 'done' && final.phase !== 'partial') {
      await write(process.stderr, 'calllens: not published: the sync did not finish\n')
      return code
    }
    const published = await publishAndReport(args.publish.db, open.cache.catalogue, {
      taskId: args.taskId,
      campaign: args.publish.campaign,
    })
    return published === EXIT_OK ? code : EXIT_FAILED
  } finally {
    stopListening()
    workspace.close()
  }
}
