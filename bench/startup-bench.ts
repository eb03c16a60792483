// 6. Start-up: spawning the browser-mode host on the 100,000-call data directory until the task
// list is interactive in Chromium (data-ready and the tasks table shown). Baseline: spawning a
// bare Node HTTP server and loading its one-line page in the same browser (process + page floor).
import type { Page } from '@playwright/test'
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { createInterface } from 'node:readline'
import type { BenchOptions } from './lib/bench'
import { bigCallCount, bigDataDir } from './lib/big-data-dir'
import { newPage, sharedBrowser, startHost } from './lib/browser'
import { figure, percentile, stat, type Figure } from './lib/figures'

const BENCH = 'start-up'
/** The floor's server: a bare Node HTTP server answering a one-line page (the probes use it too). */
export const BARE_SERVER = `require('http').createServer((q, s) => s.end('<div id="ready">ready</div>'))
  .listen(0, '127.0.0.1', function () { console.log('http://127.0.0.1:' + this.address().port) })`

async function bareStart(page: Page): Promise<number> {
  const started = performance.now()
  const child = spawn(process.execPath, ['-e', BARE_SERVER], { stdio: ['ignore', 'pipe', 'inherit'] })
  const url = await new Promise<string>((resolve) => createInterface({ input: child.stdout! }).once('line', resolve))
  await page.goto(url)
  await page.locator('#ready').waitFor()
  const ms = performance.now() - started
  const exited = once(child, 'exit')
  child.kill('SIGTERM')
  await exited
  return ms
}

const median = (values: number[]) => percentile(values, 50).toFixed(0)

export async function runStartupBench(options: BenchOptions): Promise<Figure[]> {
  const runs = options.quick ? 2 : 6
  const calls = bigCallCount(options.quick)
  const big = await bigDataDir(calls)
  const browser = await sharedBrowser()
  const appTimes: number[] = []
  /**
   * Where the time goes: host printed its URL, shell ready (ms since spawn), and, in the page's own
   * clock, when the last start-up API answer had arrived (the backend's share).
   */
  const phases: { url: number; ready: number; answered: number }[] = []
  const bareTimes: number[] = []
  options.log(`start-up: ${runs} runs`)
  for (let i = 0; i < runs; i++) {
    // A fresh context each time: no cached renderer bundle, as after a reboot.
    const page = await newPage(browser)
    const host = await startHost(big.dataDir)
    try {
      const url = performance.now() - host.spawnedAt
      await page.goto(host.url)
      await page.locator('[data-ready="true"]').waitFor()
      const ready = performance.now() - host.spawnedAt
      await page.getByTestId('task-table').waitFor()
      appTimes.push(performance.now() - host.spawnedAt)
      const answered = await page.evaluate(() =>
        Math.max(
          ...performance
            .getEntriesByType('resource')
            .filter((entry) => entry.name.endsWith('/api/invoke'))
            .map((entry) => (entry as unknown as { responseEnd: number }).responseEnd),
        ),
      )
      phases.push({ url, ready, answered })
    } finally {
      await page.context().close()
      await host.stop()
    }
    const barePage = await newPage(browser)
    bareTimes.push(await bareStart(barePage))
    await barePage.context().close()
  }
  return [
    figure({
      bench: BENCH,
      name: `host spawn → task list interactive (${calls / 1000}k-call cache)`,
      unit: 'ms',
      value: stat(appTimes),
      baseline: { name: 'bare node server + one-line page', ...stat(bareTimes) },
      // Issue 17: within twice the floor (with the million-call cache); the first round's 1.5 s still holds.
      target: {
        text: 'ratio ≤ 2.0, p95 ≤ 1500 ms',
        check: (value, ratio) => ratio !== null && ratio <= 2 && value.p95 <= 1500,
      },
      note: `median: host URL printed at ${median(phases.map((p) => p.url))} ms, shell ready at ${median(
        phases.map((p) => p.ready),
      )} ms after spawn; the last start-up API answer ${median(phases.map((p) => p.answered))} ms after the page opened`,
    }),
  ]
}
