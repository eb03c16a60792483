// 3. Opening a call in browser mode: from the route change to "waveform drawn and transcript
// shown", and to the page fully built (what it builds after that first paint), for a 1-, a 10-
// and a 60-minute recording, measured in the page. The app draws cached peaks; the baseline is
// wavesurfer alone on a bare page, fetching and decoding the same WAV file.
import type { Page } from '@playwright/test'
import type { BenchOptions } from './lib/bench'
import { newPage, sharedBrowser } from './lib/browser'
import { runInPage } from './lib/page-script'
import { figure, p95AtMost, stat, type Figure } from './lib/figures'
import { sharedLongCalls } from './lib/long-calls'
import { startWavesurferPage } from './lib/wavesurfer-page'

const BENCH = 'open call'

async function leave(page: Page): Promise<void> {
  await runInPage(page, 'set-hash', '#/tasks')
  await page.getByTestId('tasks-page').waitFor()
}

export async function runOpenCallBench(options: BenchOptions): Promise<Figure[]> {
  const runs = options.quick ? 3 : 12
  const calls = await sharedLongCalls(options.quick ? 20 : 60)
  const browser = await sharedBrowser()
  const app = await newPage(browser)
  const bare = await newPage(browser)
  const server = await startWavesurferPage(calls.recordingFile)
  try {
    await app.goto(calls.host.url)
    await app.locator('[data-ready="true"]').waitFor()
    await bare.goto(server.origin)
    await bare.locator('[data-ready="true"]').waitFor({ state: 'attached' })
    const lengths = [
      ['1-minute', calls.ids.oneMinute],
      ['10-minute', calls.ids.tenMinutes],
      ['60-minute', calls.ids.sixtyMinutes],
    ] as const
    const figures: Figure[] = []
    for (const [label, id] of lengths) {
      options.log(`open call: ${label} recording, ${runs} runs`)
      // One untimed open first: the route's code and the call's first read are a one-off.
      const readyTimes: number[] = []
      const builtTimes: number[] = []
      const bareTimes: number[] = []
      for (let i = 0; i <= runs; i++) {
        await leave(app)
        const times = await runInPage<{ ready: number; built: number }>(app, 'open-in-app', id)
        const bareMs = await runInPage<number>(
          bare,
          'open-in-bare-page',
          `${server.origin}/recording/${id}.wav?run=${i}`,
        )
        if (i === 0) continue
        readyTimes.push(times.ready)
        builtTimes.push(times.built)
        bareTimes.push(bareMs)
      }
      const baseline = { name: 'bare wavesurfer decoding the WAV', ...stat(bareTimes) }
      figures.push(
        figure({
          bench: BENCH,
          name: `${label} call: route → waveform + transcript (cached peaks)`,
          unit: 'ms',
          value: stat(readyTimes),
          baseline,
          target: p95AtMost(150, 'ms'),
        }),
        figure({
          bench: BENCH,
          name: `${label} call: route → page fully built (+ timeline, minimap, regions, controls, side panel)`,
          unit: 'ms',
          value: stat(builtTimes),
          baseline,
        }),
      )
    }
    return figures
  } finally {
    await app.context().close()
    await bare.context().close()
    await server.close()
  }
}
