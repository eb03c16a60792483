// `cli export`: the cached calls of the active profile (or the only one) as JSON, CSV or XLSX,
// through the same export code as the app's Export button.
import { existsSync } from 'node:fs'
import { rename, rm, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { AppFailure } from '../shared/contract'
import type { CallCache } from '../services/cache'
import { createNodeServices } from '../services/create-node-services'
import { defaultDataDir } from '../services/data-dir'
import { exportCalls } from '../services/export/export-rows'
import { toCsv, toXlsx } from '../services/export/export-table'
import type { ProfileService } from '../services/profiles/profile-service'
import { EXIT_OK, UsageError, positiveInt, write } from './cli-support'

export const EXPORT_HELP = `Usage: npm run cli -- export --format json|csv|xlsx [options]

Writes the cached calls of the active connection profile (or the only one) with their
results, transcript, recording state and review.

  --format F       json, csv or xlsx
  --task ID        only this task's calls (default: all cached calls)
  --out FILE       write here (default: standard output; xlsx needs --out)
  --data-dir DIR   CallLens data directory (default: CALLLENS_DATA_DIR or the app's)
  -h, --help       show this help

Exit status: 0 on success, 1 when there is nothing to export from, 2 for a usage error.
`

const FORMATS = ['json', 'csv', 'xlsx'] as const
type Format = (typeof FORMATS)[number]

interface ExportArgs {
  format: Format
  taskId: number | undefined
  out: string | undefined
  dataDir: string
}

function parseExportArgs(argv: string[]): ExportArgs | 'help' {
  const { values } = parseArgs({
    args: argv,
    options: {
      format: { type: 'string' },
      task: { type: 'string' },
      out: { type: 'string' },
      'data-dir': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  })
  if (values.help) return 'help'
  const format = values.format as Format | undefined
  if (!format || !FORMATS.includes(format)) {
    throw new UsageError(
      `--format must be one of ${FORMATS.join(', ')}${values.format ? `, got "${values.format}"` : ''}`,
    )
  }
  if (format === 'xlsx' && !values.out) throw new UsageError('--format xlsx needs --out FILE (it is binary)')
  return {
    format,
    taskId: positiveInt('task', values.task),
    out: values.out,
    dataDir: resolve(values['data-dir'] ?? defaultDataDir()),
  }
}

/** The active profile, or else the only one (made active, as the app would). */
function ensureActiveProfile(profiles: ProfileService): void {
  const { profiles: all, activeId } = profiles.list()
  if (activeId) return
  if (all.length === 1) profiles.activate(all[0]!.id)
  else if (all.length === 0) throw new AppFailure('no_profile', 'No connection profile')
  else throw new AppFailure('no_profile', 'Several connection profiles and none is active')
}

async function render(format: Format, cache: CallCache, taskId: number | undefined): Promise<Buffer> {
  const calls = exportCalls(cache, taskId === undefined ? {} : { taskId })
  if (format === 'xlsx') return toXlsx(calls)
  return Buffer.from(format === 'csv' ? toCsv(calls) : `${JSON.stringify([...calls], null, 2)}\n`, 'utf8')
}

/** Temp file then rename: a reader of --out never sees half an export. */
async function writeAtomically(path: string, bytes: Buffer): Promise<void> {
  const temp = `${path}.${process.pid}.part`
  try {
    await writeFile(temp, bytes)
    await rename(temp, path)
  } catch (error) {
    await rm(temp, { force: true })
    throw error
  }
}

export async function runExport(argv: string[]): Promise<number> {
  const args = parseExportArgs(argv)
  if (args === 'help') {
    await write(process.stdout, EXPORT_HELP)
    return EXIT_OK
  }
  // Reading must not conjure an empty data directory (and its empty cache) out of a typo.
  if (!existsSync(args.dataDir)) throw new AppFailure('not_found', `No CallLens data directory at ${args.dataDir}`)
  const { profiles, workspace } = createNodeServices({
    dataDir: args.dataDir,
    appRoot: join(import.meta.dirname, '../..'),
  })
  ensureActiveProfile(profiles)
  try {
    const bytes = await render(args.format, workspace.current().cache, args.taskId)
    if (args.out) await writeAtomically(resolve(args.out), bytes)
    else await write(process.stdout, bytes)
    return EXIT_OK
  } finally {
    workspace.close()
  }
}
