// 5. Memory: the renderer's JS heap with the big call list (1,000,000 calls; quick 10,000) open
// and scrolled end to end (baseline: the same app on the task list), and the host's RSS serving it
// (baseline: the host just started) and after a full sync (the open-call data, synced by the host itself).
import type { BenchOptions } from './lib/bench'
import { bigCallCount, bigCallLabel, bigDataDir } from './lib/big-data-dir'
import { heapUsedMB, newPage, peakRssMB, sharedBrowser, startHost } from './lib/browser'
import { figure, single, type Figure } from './lib/figures'
import { sharedLongCalls } from './lib/long-calls'
import { runInPage } from './lib/page-script'

const BENCH = 'memory'

/**
 * Rows a scroll step jumps: one block (200) up to 100k calls, as the first round measured; beyond,
 * 20 jumps end to end, because a block deep in the list costs seconds today (`calls.query` pages
 * by OFFSET, which walks every row before it: 36 jumps over 1M calls took 518 s here).
 */
export const scrollStepRows = (calls: number) => (calls <= 100_000 ? 200 : Math.ceil(calls / 20 / 200) * 200)

export async function runMemoryBench(options: BenchOptions): Promise<Figure[]> {
  const calls = bigCallCount(options.quick)
  const big = await bigDataDir(calls)
  const list = await measureListMemory(big.dataDir, calls, options.log)
  const synced = await sharedLongCalls(options.quick ? 20 : 60)
  return [
    ...list,
    figure({
      bench: BENCH,
      name: 'host RSS after a full sync (1-, 10- and 60-min calls + generated task)',
      unit: 'MB',
      value: single(synced.rssAfterSync),
      baseline: { name: 'host just started', ...single(synced.rssAtStart) },
      note: `host sync took ${synced.syncSec.toFixed(1)} s`,
    }),
  ]
}

/** The list figures on a data directory holding `calls` calls. */
export async function measureListMemory(
  dataDir: string,
  calls: number,
  log: (line: string) => void,
): Promise<Figure[]> {
  const browser = await sharedBrowser()
  const host = await startHost(dataDir)
  const page = await newPage(browser)
  try {
    const hostAtStart = host.rssMB()
    await page.goto(host.url)
    await page.getByTestId('task-table').waitFor()
    const heapOnTasks = await heapUsedMB(page)
    await runInPage(page, 'set-hash', '#/calls')
    await page.locator('[data-testid="call-row"][data-call-id]').first().waitFor()
    const stepRows = scrollStepRows(calls)
    log(`memory: scrolling ${calls} calls end to end, ${stepRows} rows a step`)
    const started = performance.now()
    const { steps, lastRow, mostHeld } = await runInPage<{ steps: number; lastRow: number; mostHeld: number | null }>(
      page,
      'scroll-list',
      { stepRows },
    )
    const scrollSec = (performance.now() - started) / 1000
    const heapScrolled = await heapUsedMB(page)
    const hostServing = host.rssMB()
    const hostPeak = peakRssMB(host.child.pid)
    const label = bigCallLabel(calls)
    return [
      figure({
        bench: BENCH,
        name: `renderer JS heap, ${label}-call list scrolled end to end`,
        unit: 'MB',
        value: single(heapScrolled),
        baseline: { name: 'same app on the task list', ...single(heapOnTasks) },
        target: { text: '≤ 150 MB', check: (value) => value.p50 <= 150 },
        note:
          `${steps} scroll steps of ${stepRows} rows in ${scrollSec.toFixed(0)} s, each waiting for the rows on screen; ` +
          `last row shown ${lastRow + 1} of ${calls}` +
          // Chromium caps an element's height at 33,554,428 px (699k rows of 48 px): a long list is
          // shown as a moving segment (list-segment.ts); a scroll stuck short of the end says so.
          (lastRow + 1 < calls ? ' (the scroll stopped short of the end)' : '') +
          `; the calls store held at most ${mostHeld ?? '?'} rows`,
      }),
      figure({
        bench: BENCH,
        name: `host RSS serving the ${label}-call list`,
        unit: 'MB',
        value: single(hostServing),
        baseline: { name: 'host just started', ...single(hostAtStart) },
        target: { text: '≤ 300 MB', check: (value) => value.p50 <= 300 },
        note: `peak RSS while scrolling ${hostPeak.toFixed(0)} MB`,
      }),
    ]
  } finally {
    await page.context().close()
    await host.stop()
  }
}
