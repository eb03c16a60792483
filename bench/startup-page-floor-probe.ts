// A one-off probe (not part of `npm run bench`): how long the page alone takes to show the task
// list when the host's answers are not in its way, beside the start-up benchmark's two figures.
//   npx tsx bench/startup-page-floor-probe.ts [rounds]
// Each round: the host spawned on the 1M-call directory and a fresh page opened at once (the
// benchmark's figure); then the same host left alone for 6 s (its backend worker loaded, the
// arrays built ahead) and a second fresh page opened (the page's own share); then the bare server
// and its one-line page (the floor), split into its process start and its page.
import { spawn } from 'node:child_process'
import { createInterface } from 'node:readline'
import { setTimeout as sleep } from 'node:timers/promises'
import type { Page } from '@playwright/test'
import { bigCallCount, bigDataDir } from './lib/big-data-dir'
import { closeSharedBrowser, newPage, sharedBrowser, startHost } from './lib/browser'
import { percentile } from './lib/figures'
import { BARE_SERVER } from './startup-bench'
import { useRunScratchDirUntilExit } from '../electron/test-support/run-scratch'

useRunScratchDirUntilExit('bench')

/** The page's own clock, read once the table shows (a string: the bundler's helpers do not reach the page). */
const PAGE_PHASES = `(() => {
  const nav = performance.getEntriesByType('navigation')[0]
  const answers = performance.getEntriesByType('resource').filter((e) => e.name.endsWith('/api/invoke'))
  return {
    entryEvaluated: nav.domContentLoadedEventEnd,
    firstAnswers: Math.max(...answers.slice(0, 5).map((e) => e.responseEnd)),
    table: performance.now(),
  }
})()`

const rounds = Number(process.argv[2] ?? 6)
const big = await bigDataDir(bigCallCount(false))
const browser = await sharedBrowser()
const runs = { hostUrl: [] as number[], cold: [] as number[], pageAlone: [] as number[], bareUrl: [] as number[] }
const barePage: number[] = []
const phases = { entryEvaluated: [] as number[], firstAnswers: [] as number[], table: [] as number[] }

async function openToTable(page: Page, url: string): Promise<number> {
  const started = performance.now()
  await page.goto(url)
  await page.getByTestId('task-table').waitFor()
  return performance.now() - started
}

for (let round = 0; round < rounds; round++) {
  const host = await startHost(big.dataDir)
  try {
    runs.hostUrl.push(performance.now() - host.spawnedAt)
    const cold = await newPage(browser)
    await openToTable(cold, host.url)
    runs.cold.push(performance.now() - host.spawnedAt)
    await cold.context().close()
    await sleep(6000)
    const alone = await newPage(browser)
    runs.pageAlone.push(await openToTable(alone, host.url))
    const clock = (await alone.evaluate(PAGE_PHASES)) as Record<keyof typeof phases, number>
    for (const key of Object.keys(phases) as (keyof typeof phases)[]) phases[key].push(clock[key])
    await alone.context().close()
  } finally {
    await host.stop()
  }
  const bare = await newPage(browser)
  const spawned = performance.now()
  const child = spawn(process.execPath, ['-e', BARE_SERVER], { stdio: ['ignore', 'pipe', 'inherit'] })
  const url = await new Promise<string>((resolve) => createInterface({ input: child.stdout! }).once('line', resolve))
  runs.bareUrl.push(performance.now() - spawned)
  const pageStarted = performance.now()
  await bare.goto(url)
  await bare.locator('#ready').waitFor()
  barePage.push(performance.now() - pageStarted)
  child.kill()
  await bare.context().close()
}
await closeSharedBrowser()

const median = (values: number[]) => Math.round(percentile(values, 50))
const range = (values: number[]) => `${Math.round(Math.min(...values))}–${Math.round(Math.max(...values))}`
const floor = median(runs.bareUrl) + median(barePage)
console.log(`${rounds} rounds, medians (range), ms`)
console.log(
  `bare server: URL printed ${median(runs.bareUrl)}, page ${median(barePage)}: floor ${floor}, twice it ${2 * floor}`,
)
console.log(
  `app, the benchmark's figure: URL printed ${median(runs.hostUrl)}, task list ${median(runs.cold)} (${range(runs.cold)})`,
)
console.log(`app, the page alone (host ready): open → task list ${median(runs.pageAlone)} (${range(runs.pageAlone)})`)
console.log(
  `  in the page's clock: entry evaluated and shell mounted (DOMContentLoaded) ${median(phases.entryEvaluated)}, ` +
    `first five answers in ${median(phases.firstAnswers)}, table ${median(phases.table)}`,
)
console.log(
  `app URL + page alone: ${median(runs.hostUrl) + median(runs.pageAlone)} (${((median(runs.hostUrl) + median(runs.pageAlone)) / floor).toFixed(2)}× the floor)`,
)
process.exit(0)
