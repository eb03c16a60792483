// `npm run bench [-- --quick] [-- --only sync,cache]`: runs the benchmarks one after another,
// prints every figure beside its baseline, and writes bench/results.json.
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import type { Bench } from './lib/bench'
import type { Figure } from './lib/figures'
import { formatTable, machineInfo, writeResults, type Results } from './lib/report'
import { runCacheQueryBench } from './cache-query-bench'
import { runExportBench } from './export-bench'
import { removeBigDataDir } from './lib/big-data-dir'
import { buildIfNeeded, closeSharedBrowser } from './lib/browser'
import { disposeLongCalls } from './lib/long-calls'
import { runKeysBench } from './keys-bench'
import { runMemoryBench } from './memory-bench'
import { runOpenCallBench } from './open-call-bench'
import { runStartupBench } from './startup-bench'
import { runSyncBench } from './sync-bench'
import { runTeamBench } from './team-bench'
import { useRunScratchDirUntilExit } from '../electron/test-support/run-scratch'

/**
 * Each benchmark starts on a collected heap: the sync's gigabytes of buffers must not be collected
 * in the middle of the cache queries' timings (`npm run bench` runs Node with --expose-gc).
 */
const collectGarbage = (globalThis as { gc?: () => void }).gc

const BENCHES: Bench[] = [
  { name: 'sync', run: runSyncBench },
  { name: 'cache', run: runCacheQueryBench },
  { name: 'open', run: runOpenCallBench },
  { name: 'keys', run: runKeysBench },
  { name: 'memory', run: runMemoryBench },
  { name: 'startup', run: runStartupBench },
  { name: 'export', run: runExportBench },
  { name: 'team', run: runTeamBench, needsBuild: false },
]

async function main(): Promise<void> {
  // Hosts' data directories, recordings and browser profiles: gone when the run ends, however it ends.
  useRunScratchDirUntilExit('bench')
  const { values } = parseArgs({
    options: { quick: { type: 'boolean', default: false }, only: { type: 'string' } },
    strict: true,
  })
  const only = values.only?.split(',')
  const unknown = only?.filter((name) => !BENCHES.some((bench) => bench.name === name)) ?? []
  if (unknown.length > 0) {
    console.error(`unknown benchmark ${unknown.join(', ')} (one of: ${BENCHES.map((b) => b.name).join(', ')})`)
    process.exit(2)
  }
  const quick = values.quick ?? false
  const started = performance.now()
  const machine = machineInfo()
  const figures: Figure[] = []
  const failures: Results['failures'] = []
  const log = (message: string) => console.error(`[${((performance.now() - started) / 1000).toFixed(1)} s] ${message}`)

  if (BENCHES.some((bench) => (!only || only.includes(bench.name)) && bench.needsBuild !== false)) buildIfNeeded()
  for (const bench of BENCHES) {
    if (only && !only.includes(bench.name)) continue
    collectGarbage?.()
    try {
      figures.push(...(await bench.run({ quick, log })))
    } catch (error) {
      // One broken benchmark should not cost the others' numbers.
      const message = error instanceof Error ? (error.stack ?? error.message) : String(error)
      log(`${bench.name} failed: ${message}`)
      failures.push({ bench: bench.name, error: message })
    }
  }

  await disposeLongCalls()
  await closeSharedBrowser()
  await removeBigDataDir()
  const elapsedSec = Math.round((performance.now() - started) / 100) / 10
  console.log(formatTable(figures))
  for (const f of figures.filter((f) => f.note)) console.log(`${f.bench} · ${f.name}: ${f.note}`)
  console.log(
    `\n${quick ? 'quick run' : 'full run'} in ${elapsedSec} s on ${machine.cpus} × ${machine.cpuModel}, ` +
      `load ${machine.loadAverage.join(' ')}, Node ${machine.node}`,
  )
  writeResults(join(import.meta.dirname, 'results.json'), { quick, machine, elapsedSec, figures, failures })
  if (failures.length > 0) process.exitCode = 1
}

await main()
