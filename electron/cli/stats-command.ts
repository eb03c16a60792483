// `cli stats`: the QA insight metrics of the cached calls (AI latency, barge-ins, silences,
// aiUnknown lines, hang-ups, drop-off, tag accuracy) as JSON or CSV, from the same code as the app.
import { rename, rm, writeFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { defaultDataDir } from '../services/data-dir'
import { buildInsightReport } from '../services/insight/insight-report'
import { STATS_FORMATS, renderStats, type StatsFormat } from '../services/insight/render-stats'
import { EXIT_OK, UsageError, positiveInt, write } from './cli-support'
import { withProfileCache } from './profile-cache'

export const STATS_HELP = `Usage: npm run cli -- stats [--task ID] [--format json|csv] [--out FILE] [--data-dir DIR]

Measures the cached calls of the active connection profile (or the only one):
  calls[]  per call: aiLatencyP50Ms, aiLatencyMaxMs, bargeIns, maxSilenceMs, aiUnknownLines,
           hungUpBy, lastAiLine
  tasks[]  per task: calls, reviewed, aiLatencyP50Ms, aiLatencyP90Ms, bargeInCalls,
           aiUnknownCalls, dropOff, accuracy (tag checks per result name)
Only lines with real timing (not inferred) count for latency, barge-ins and silence.

  --format F       json (default: calls and tasks) or csv (the per-call rows only)
  --task ID        only this task's calls and row (default: every task)
  --out FILE       write here (default: standard output)
  --data-dir DIR   CallLens data directory (default: CALLLENS_DATA_DIR or the app's)
  -h, --help       show this help

Exit status: 0 on success, 1 when there is nothing to read or no such task, 2 for a usage error.
`

interface StatsArgs {
  format: StatsFormat
  taskId: number | undefined
  out: string | undefined
  dataDir: string
}

function parseStatsArgs(argv: string[]): StatsArgs | 'help' {
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
  const format = (values.format ?? 'json') as StatsFormat
  if (!STATS_FORMATS.includes(format)) {
    throw new UsageError(`--format must be one of ${STATS_FORMATS.join(', ')}, got "${values.format}"`)
  }
  return {
    format,
    taskId: positiveInt('task', values.task),
    out: values.out,
    dataDir: resolve(values['data-dir'] ?? defaultDataDir()),
  }
}

/** Temp file then rename: a reader of --out never sees half a report. */
async function writeAtomically(path: string, text: string): Promise<void> {
  const temp = `${path}.${process.pid}.part`
  try {
    await writeFile(temp, text, 'utf8')
    await rename(temp, path)
  } catch (error) {
    await rm(temp, { force: true })
    throw error
  }
}

export async function runStats(argv: string[]): Promise<number> {
  const args = parseStatsArgs(argv)
  if (args === 'help') {
    await write(process.stdout, STATS_HELP)
    return EXIT_OK
  }
  const text = await withProfileCache(args.dataDir, (cache) =>
    renderStats(buildInsightReport(cache, args.taskId), args.format),
  )
  if (args.out) await writeAtomically(resolve(args.out), text)
  else await write(process.stdout, text)
  return EXIT_OK
}
