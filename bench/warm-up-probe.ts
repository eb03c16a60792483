// A one-off probe (not part of `npm run bench`) of the warm-up (electron/services/cache/warm-up.ts)
// on a big cache directory: open, then the calls page's first questions, with the arrays built
// ahead ("warm") or not ("cold"); the event loop's longest wait while the build runs; host RSS.
//   node --import tsx bench/warm-up-probe.ts <cache.db> warm|cold|early
// early: the calls page opens 1 s into the build ahead, while it runs.
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { CallCache } from '../electron/services/cache'
import type { CallFilterInput } from '../electron/shared/contract'
import { INTENT } from './lib/bulk-calls'
import { useRunScratchDirUntilExit } from '../electron/test-support/run-scratch'

useRunScratchDirUntilExit('bench')

const [path, mode = 'warm'] = process.argv.slice(2)
const NEWEST = { field: 'startTime', direction: 'desc' } as const
const mb = () => Math.round(process.memoryUsage().rss / 2 ** 20)

function ask(cache: CallCache, name: string, filter: CallFilterInput): void {
  const started = performance.now()
  cache.queryCalls(filter, NEWEST, { offset: 0, limit: 200 })
  cache.facets(filter)
  console.log(`${name}: ${(performance.now() - started).toFixed(0)} ms (RSS ${mb()} MB)`)
}

const until = async (ok: () => boolean) => {
  while (!ok()) await new Promise((resolve) => setTimeout(resolve, 20))
}

async function main(): Promise<void> {
  const opened = performance.now()
  const cache = new CallCache(path!, mode === 'cold' ? { warmUp: false } : {})
  console.log(`open: ${(performance.now() - opened).toFixed(0)} ms (RSS ${mb()} MB)`)
  if (mode === 'warm') {
    const delay = monitorEventLoopDelay({ resolution: 1 })
    delay.enable()
    await until(() => cache.warmState() === 'built')
    delay.disable()
    console.log(
      `built ahead ${(performance.now() - opened).toFixed(0)} ms after opening; event-loop delay max ` +
        `${(delay.max / 1e6).toFixed(0)} ms, p99 ${(delay.percentile(99) / 1e6).toFixed(0)} ms (RSS ${mb()} MB)`,
    )
  } else if (mode === 'early') {
    await until(() => cache.warmState() === 'building')
    await new Promise((resolve) => setTimeout(resolve, 1000))
    console.log(`asking while ${cache.warmState()}, ${(performance.now() - opened).toFixed(0)} ms after opening`)
  }
  ask(cache, 'calls page opens (unfiltered)', {})
  ask(cache, 'first filter change: intent A, 30–120 s, answered', {
    tags: [{ name: INTENT, values: ['A级(较强)'] }],
    durationMin: 30,
    durationMax: 120,
    finishStatus: [0],
  })
  ask(cache, 'first search: 价格太贵', { text: '价格太贵' })
  ask(cache, 'second search: 价格', { text: '价格' })
  console.log(`warm state ${cache.warmState()} ${JSON.stringify(cache.warmStats())}`)
  cache.close()
}

void main()
