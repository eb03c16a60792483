// `cli export`: the cached calls, not-dialed customers or tasks of the active profile (or the only
// one) as JSON, CSV or XLSX, through the same export code as the app's Export button.
import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { EXPORT_WHATS, LANGUAGES, type ExportWhat, type Language } from '../shared/contract'
import { defaultDataDir } from '../services/data-dir'
import { exportToFile, writeExport, type ExportRequest } from '../services/export/write-export'
import { EXIT_OK, UsageError, positiveInt, write } from './cli-support'
import { withProfileCache } from './profile-cache'

export const EXPORT_HELP = `Usage: npm run cli -- export --format json|csv|xlsx [--what calls|not-dialed|tasks] [options]

Writes from the cache of the active connection profile (or the only one):
  calls       every cached call with its results, transcript, recording state and review (default)
  not-dialed  the customers not dialed yet, to dial them in another tool
  tasks       each task's counts with how many of its calls are cached and reviewed
  queue       a review queue's calls in queue order, with their position and stratum (--queue ID)

  --format F       json, csv or xlsx
  --what W         calls, not-dialed, tasks or queue (default: calls)
  --task ID        only this task's rows (default: every task)
  --queue ID       the review queue to export (with --what queue)
  --out FILE       write here (default: standard output; xlsx needs --out); streamed into a
                   temp file beside FILE and renamed onto it once complete
  --lang L         the CSV/XLSX header language: zh-CN (default) or en; JSON keys are always English
  --data-dir DIR   CallLens data directory (default: CALLLENS_DATA_DIR or the app's)
  -h, --help       show this help

Exit status: 0 on success, 1 when there is nothing to export from, 2 for a usage error.
`

const FORMATS = ['json', 'csv', 'xlsx'] as const
type Format = (typeof FORMATS)[number]

interface ExportArgs {
  format: Format
  what: ExportWhat
  taskId: number | undefined
  queueId: number | undefined
  out: string | undefined
  dataDir: string
  language: Language
}

function parseExportArgs(argv: string[]): ExportArgs | 'help' {
  const { values } = parseArgs({
    args: argv,
    options: {
      format: { type: 'string' },
      what: { type: 'string' },
      task: { type: 'string' },
      queue: { type: 'string' },
      out: { type: 'string' },
      lang: { type: 'string' },
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
  const what = (values.what ?? 'calls') as ExportWhat
  if (!EXPORT_WHATS.includes(what)) {
    throw new UsageError(`--what must be one of ${EXPORT_WHATS.join(', ')}, got "${values.what ?? ''}"`)
  }
  const queueId = positiveInt('queue', values.queue)
  if ((what === 'queue') !== (queueId !== undefined)) throw new UsageError('--queue ID goes with --what queue')
  const language = (values.lang ?? 'zh-CN') as Language
  if (!LANGUAGES.includes(language)) {
    throw new UsageError(`--lang must be one of ${LANGUAGES.join(', ')}, got "${values.lang ?? ''}"`)
  }
  return {
    format,
    what,
    language,
    taskId: positiveInt('task', values.task),
    queueId,
    out: values.out,
    dataDir: resolve(values['data-dir'] ?? defaultDataDir()),
  }
}

export async function runExport(argv: string[]): Promise<number> {
  const args = parseExportArgs(argv)
  if (args === 'help') {
    await write(process.stdout, EXPORT_HELP)
    return EXIT_OK
  }
  return withProfileCache(args.dataDir, async (cache) => {
    const request: ExportRequest = {
      what: args.what,
      format: args.format,
      filter: args.taskId === undefined ? {} : { taskId: args.taskId },
      queueId: args.queueId,
      language: args.language,
    }
    // Either way the rows stream from the cache as they are written: a 100,000-call export is never one buffer.
    if (args.out) await exportToFile(cache, request, resolve(args.out))
    else await writeExport(cache, request, process.stdout)
    return EXIT_OK
  })
}
