// 4. Keys: keydown of J (next line) to "new line highlighted and playback position moved",
// measured in the page on the 10-minute call — idle, and again while the host runs a sync of
// newly finished calls (sync.start over its API, recordings decoded in its worker threads).
// Baseline: the measuring floor — a bare keydown handler writing one attribute, observed the
// same way (dispatch + MutationObserver).
import type { Page } from '@playwright/test'
import type { BenchOptions } from './lib/bench'
import { newPage, sharedBrowser } from './lib/browser'
import { runInPage } from './lib/page-script'
import { figure, stat, type Figure } from './lib/figures'
import { sharedLongCalls, type LongCalls } from './lib/long-calls'

const BENCH = 'keys'
/** The sync that runs while J is pressed: 40 ± 10 ms a request, as in the sync benchmark. */
const SYNC_FAULTS = 'latency=30,jitter=20'

interface SyncStatus {
  phase: string
  finishedAt: string | null
  callsDone: number
  callsTotal: number
}

/** Polls the host's sync status until `done` holds (each poll a real API call). */
async function untilSync(calls: LongCalls, done: (status: SyncStatus) => boolean): Promise<SyncStatus> {
  const deadline = performance.now() + 300_000
  while (performance.now() < deadline) {
    const status = await calls.host.invoke<SyncStatus | null>('sync.status')
    if (status && done(status)) return status
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  throw new Error('the host sync never reached the expected state')
}

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

    // The same presses while the host syncs newly finished calls (their details and recordings).
    const newCalls = options.quick ? 60 : 600
    options.log(`keys: ${presses} presses of J while the host syncs ${newCalls} new calls`)
    const taskId = calls.sim.store.allTasks()[0]!.task.callJobId
    calls.sim.finishCalls(taskId, newCalls)
    calls.sim.setFaults(SYNC_FAULTS)
    let syncing: SyncStatus
    let busyTimes: number[]
    try {
      await calls.host.invoke('sync.start', {})
      await untilSync(calls, (status) => status.phase === 'details' && status.callsDone > 0)
      await app.evaluate('window.__keyTimes = []')
      busyTimes = await pressJ(app, presses)
      syncing = (await calls.host.invoke<SyncStatus>('sync.status'))!
      const ended = await untilSync(calls, (status) => status.finishedAt !== null)
      if (ended.phase !== 'done') throw new Error(`the host sync ended ${ended.phase}`)
    } finally {
      calls.sim.setFaults('')
    }

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
      figure({
        bench: BENCH,
        name: `J → highlight while the host syncs ${newCalls} calls (10-min call)`,
        unit: 'ms',
        value: stat(busyTimes),
        baseline: { name: 'bare handler → attribute (floor)', ...stat(floorTimes) },
        target: { text: 'p95 ≤ 16 ms', check: (value) => value.p95 <= 16 },
        note:
          syncing.finishedAt === null
            ? `the sync was still running after the last press (${syncing.callsDone}/${syncing.callsTotal} calls)`
            : `the sync ENDED before the last press (${syncing.callsDone} calls): too few calls to cover the presses`,
      }),
    ]
  } finally {
    await app.context().close()
    await floor.context().close()
  }
}
