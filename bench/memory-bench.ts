// 5. Memory: the renderer's JS heap with the 100,000-call list open and scrolled end to end
// (baseline: the same app on the task list), and the host's RSS serving it (baseline: the host
// just started) and after a full sync (the open-call data, synced by the host itself).
import type { BenchOptions } from './lib/bench'
import { bigCallCount, bigDataDir } from './lib/big-data-dir'
import { heapUsedMB, newPage, sharedBrowser, startHost } from './lib/browser'
import { figure, single, type Figure } from './lib/figures'
import { sharedLongCalls } from './lib/long-calls'
import { runInPage } from './lib/page-script'

const BENCH = 'memory'

export async function runMemoryBench(options: BenchOptions): Promise<Figure[]> {
  const calls = bigCallCount(options.quick)
  const big = await bigDataDir(calls)
  const browser = await sharedBrowser()
  const host = await startHost(big.dataDir)
  const page = await newPage(browser)
  try {
    const hostAtStart = host.rssMB()
    await page.goto(host.url)
    await page.getByTestId('task-table').waitFor()
    const heapOnTasks = await heapUsedMB(page)
    await runInPage(page, 'set-hash', '#/calls')
    await page.locator('[data-testid="call-row"][data-call-id]').first().waitFor()
    options.log(`memory: scrolling ${calls} calls end to end`)
    const steps = await runInPage<number>(page, 'scroll-list')
    const heapScrolled = await heapUsedMB(page)
    const hostServing = host.rssMB()
    const synced = await sharedLongCalls(options.quick ? 20 : 60)
    return [
      figure({
        bench: BENCH,
        name: `renderer JS heap, ${calls / 1000}k-call list scrolled end to end`,
        unit: 'MB',
        value: single(heapScrolled),
        baseline: { name: 'same app on the task list', ...single(heapOnTasks) },
        target: { text: '≤ 150 MB', check: (value) => value.p50 <= 150 },
        note: `${steps} scroll steps of 200 rows`,
      }),
      figure({
        bench: BENCH,
        name: `host RSS serving the ${calls / 1000}k-call list`,
        unit: 'MB',
        value: single(hostServing),
        baseline: { name: 'host just started', ...single(hostAtStart) },
      }),
      figure({
        bench: BENCH,
        name: 'host RSS after a full sync (1-, 10- and 60-min calls + generated task)',
        unit: 'MB',
        value: single(synced.rssAfterSync),
        baseline: { name: 'host just started', ...single(synced.rssAtStart) },
        note: `host sync took ${synced.syncSec.toFixed(1)} s`,
      }),
    ]
  } finally {
    await page.context().close()
    await host.stop()
  }
}
