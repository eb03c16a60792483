// 4. Keys: keydown of J (next line) to "new line highlighted and playback position moved",
// measured in the page on the 10-minute call. Baseline: the measuring floor — a bare keydown
// handler writing one attribute, observed the same way (dispatch + MutationObserver).
import type { Page } from '@playwright/test'
import type { BenchOptions } from './lib/bench'
import { newPage, sharedBrowser } from './lib/browser'
import { runInPage } from './lib/page-script'
import { figure, stat, type Figure } from './lib/figures'
import { sharedLongCalls } from './lib/long-calls'

const BENCH = 'keys'

async function pressJ(page: Page, times: number): Promise<number[]> {
  for (let i = 1; i <= times; i++) {
    await page.keyboard.press('j')
    await page.waitForFunction(`window.__keyTimes.length >= ${i}`)
  }
  return page.evaluate('window.__keyTimes') as Promise<number[]>
}

export async function runKeysBench(options: BenchOptions): Promise<Figure[]> {
  const presses = options.quick ? 5 : 40
  const calls = await sharedLongCalls(options.quick ? 20 : 60)
  const browser = await sharedBrowser()
  const app = await newPage(browser)
  const floor = await newPage(browser)
  try {
    options.log(`keys: ${presses} presses of J`)
    await app.goto(calls.host.url)
    await app.locator('[data-ready="true"]').waitFor()
    await runInPage(app, 'set-hash', `#/calls/${calls.ids.tenMinutes}`)
    // The fully built page: J is timed with the line regions and the side panel in place.
    await app
      .locator('[data-testid="review-page"][data-built="true"] [data-testid="waveform"][data-state="ready"]')
      .waitFor()
    await app.locator('body').click({ position: { x: 5, y: 5 } })
    await runInPage(app, 'key-probe', 'app')
    const appTimes = await pressJ(app, presses)

    await floor.goto(calls.host.url)
    await floor.locator('[data-ready="true"]').waitFor()
    await runInPage(floor, 'key-probe', 'floor')
    const floorTimes = await pressJ(floor, presses)
    return [
      figure({
        bench: BENCH,
        name: 'J → next line highlighted and playhead moved (10-min call)',
        unit: 'ms',
        value: stat(appTimes),
        baseline: { name: 'bare handler → attribute (floor)', ...stat(floorTimes) },
        target: { text: 'p95 ≤ 16 ms', check: (value) => value.p95 <= 16 },
      }),
    ]
  } finally {
    await app.context().close()
    await floor.context().close()
  }
}
