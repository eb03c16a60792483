// The reviewer's day, on the demo data: first run, sync, filter, review by keyboard,
// notes that survive a restart, and review offline once the simulator is gone.
import type { Page } from '@playwright/test'
import { readFileSync } from 'node:fs'
import { demoCallsWith } from './demo-data'
import { expect, test } from './fixtures'
import { keepPlayingMedia } from './media'
import { startDemo } from './demo-journey'

const INTENT = '客户意向等级'
const LEVEL_A = 'A级(较强)'

async function playerMs(page: Page): Promise<number> {
  return Number(await page.getByTestId('player-time').getAttribute('data-ms'))
}

async function currentLine(page: Page): Promise<{ start: number; end: number }> {
  const line = page.locator('[data-testid="transcript-line"][aria-current="true"]')
  return {
    start: Number(await line.getAttribute('data-start-ms')),
    end: Number(await line.getAttribute('data-end-ms')),
  }
}

/** How far the highlight may trail the audio: a frame or two from the media clock to the painted line, on a busy machine. */
const HIGHLIGHT_LAG_MS = 250

interface SyncSample {
  audioMs: number
  highlighted: number
}

/** Every animation frame for `ms`: the <audio> element's time and the highlighted line, read together. */
async function sampleHighlight(
  page: Page,
  ms: number,
): Promise<{ lines: { start: number; end: number }[]; samples: SyncSample[] }> {
  return page.evaluate(async (duration) => {
    const media = window.playingMedia!
    const lines = [...document.querySelectorAll('[data-testid="transcript-line"]')].map((el) => ({
      start: Number(el.getAttribute('data-start-ms')),
      end: Number(el.getAttribute('data-end-ms')),
    }))
    const samples: SyncSample[] = []
    const until = performance.now() + duration
    while (performance.now() < until && !media.paused) {
      await new Promise((resolve) => requestAnimationFrame(resolve))
      const current = document.querySelector('[data-testid="transcript-line"][aria-current="true"]')
      samples.push({
        audioMs: media.currentTime * 1000,
        highlighted: Number(current?.getAttribute('data-index') ?? -1),
      })
    }
    return { lines, samples }
  }, ms)
}

/**
 * The line a reviewer expects lit at t, written from the rule and not from the app's search:
 * of the lines already started, the latest-starting one still sounding; in a gap, the last one
 * started; before the first line, none.
 */
function expectedLine(lines: { start: number; end: number }[], t: number): number {
  const started = lines.map((line, i) => ({ ...line, i })).filter((line) => line.start <= t)
  const sounding = started.filter((line) => t < line.end)
  const pick = (sounding.length > 0 ? sounding : started).sort((a, b) => a.start - b.start || a.i - b.i).at(-1)
  return pick?.i ?? -1
}

test('a reviewer tries the demo, filters by intent level and reviews a call from the keyboard', async ({ app }) => {
  test.setTimeout(180_000)
  let page = app.page
  await startDemo(page)

  // Filter every cached call by intent level A: exactly the simulator's matching calls.
  await page.getByTestId('nav-calls').click()
  await page.locator(`[data-testid="facet-value"][data-tag="${INTENT}:${LEVEL_A}"]`).click()
  const expected = demoCallsWith(INTENT, LEVEL_A)
  await expect(page.getByTestId('result-count')).toHaveAttribute('data-count', String(expected.length))
  expect(page.url()).toContain(`tag=${encodeURIComponent(INTENT)}`)
  const rows = page.locator('[data-testid="call-row"][data-call-id]')
  await expect(rows).toHaveCount(expected.length)
  const shown = (await rows.evaluateAll((els) => els.map((el) => Number(el.getAttribute('data-call-id'))))).sort(
    (a, b) => a - b,
  )
  expect(shown).toEqual(expected)

  // The filtered list exports with the same rows (CSV: header + one line per call).
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()])
  const csv = readFileSync((await download.path())!, 'utf8')
  const exportedIds = csv
    .trim()
    .split(/\r\n(?=\d)/)
    .slice(1)
    .map((line) => Number(line.split(',')[0]))
    .sort((a, b) => a - b)
  expect(exportedIds).toEqual(expected)
  await expect(page.getByTestId('connection-state')).toHaveAttribute('data-state', 'online')

  // Open one with the keyboard and play it: the highlighted line follows the audio.
  const opens: string[] = []
  page.on('request', (request) => {
    if (request.url().endsWith('/api/invoke') && request.postData()?.includes('"calls.open"')) opens.push(request.url())
  })
  await page.getByTestId('call-list').focus()
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('transcript-line').first()).toBeVisible()
  await expect(page.getByTestId('waveform')).toHaveAttribute('data-state', 'ready')
  // The rest of the page follows the waveform and transcript: a region on the waveform for each line.
  await expect(page.getByTestId('review-page')).toHaveAttribute('data-built', 'true')
  await expect(page.locator('[data-testid="waveform"] [part~="line-0"]')).toBeAttached()
  // Asked for once: one request opens a call.
  expect(opens).toHaveLength(1)
  const callUrl = page.url()
  const callId = Number(/#\/calls\/(\d+)/.exec(callUrl)![1])
  expect(expected).toContain(callId)

  await keepPlayingMedia(page)
  await page.keyboard.press('Space')
  await expect.poll(() => playerMs(page), { timeout: 15_000 }).toBeGreaterThan(1500)
  const starts = await page
    .getByTestId('transcript-line')
    .evaluateAll((els) => els.map((el) => Number(el.getAttribute('data-start-ms'))))
  // While it plays, the lit line is the one the audio is in: never a line the audio has not
  // reached (ahead), and never one the audio left more than the lag allowance ago (behind).
  const { lines, samples } = await sampleHighlight(page, 4000)
  expect(samples.length).toBeGreaterThan(60)
  expect(new Set(samples.map((s) => s.highlighted)).size, 'lines lit while sampling').toBeGreaterThan(1)
  const outOfStep = samples.filter(({ audioMs, highlighted }) => {
    const allowed = new Set<number>()
    for (let lag = 0; lag <= HIGHLIGHT_LAG_MS; lag += 10) allowed.add(expectedLine(lines, audioMs - lag))
    return !allowed.has(highlighted)
  })
  expect(
    outOfStep.map(
      (s) => `${Math.round(s.audioMs)} ms: line ${s.highlighted} lit, ${expectedLine(lines, s.audioMs)} playing`,
    ),
  ).toEqual([])

  // J: the next line is highlighted and playback jumps to its start. Pressed well inside a line,
  // so the audio cannot reach the next line on its own while the key is on its way (a busy machine
  // takes its time); that next line is the one J must land on.
  let nextStart = 0
  await expect
    .poll(
      async () => {
        const before = await currentLine(page)
        nextStart = Math.min(...starts.filter((s) => s > before.start))
        return nextStart - (await playerMs(page))
      },
      { timeout: 30_000, intervals: [50] },
    )
    .toBeGreaterThan(1500)
  const pressedAt = Date.now()
  await page.keyboard.press('j')
  await expect.poll(async () => (await currentLine(page)).start).toBe(nextStart)
  await expect.poll(() => playerMs(page)).toBeGreaterThanOrEqual(nextStart - 50)
  // Playing at 1×, the position can be past the line's start by at most the time since the key.
  expect(await playerMs(page)).toBeLessThanOrEqual(nextStart + (Date.now() - pressedAt) + 250)
  // Paused, the current line stays put: its region on the waveform carries the current line's tint.
  await page.keyboard.press('Space')
  await expect
    .poll(async () => {
      const index = await page
        .locator('[data-testid="transcript-line"][aria-current="true"]')
        .getAttribute('data-index')
      return page.locator(`[data-testid="waveform"] [part~="line-${index}"]`).getAttribute('style', { timeout: 1000 })
    })
    .toMatch(/region-current/)

  // A verdict key, a note and a comment (C at its start, C at its end), saved automatically.
  await page.keyboard.press('2')
  await page.getByTestId('note-text').fill('客户明确拒绝后，AI 仍在推销。')
  await page.getByTestId('note-text').press('Escape')
  await page.keyboard.press('c')
  await page.keyboard.press('c')
  await page.getByTestId('comment-input').fill('这里应当结束通话')
  await page.getByTestId('comment-input').press('Enter')
  await expect(page.getByTestId('comment')).toHaveCount(1)
  await expect(page.getByTestId('note-saved')).toBeVisible()

  // After a restart the simulator is gone (it lived in the old process): the cache serves everything.
  page = await app.restart()
  await expect(page.getByTestId('connection-state')).toHaveAttribute('data-state', 'offline')
  await expect(page.getByTestId('tasks-page')).toBeVisible()
  await page.evaluate((hash) => (window.location.hash = hash), `#/calls/${callId}`)
  await expect(page.getByTestId('review-page')).toHaveAttribute('data-call-id', String(callId))
  await expect(page.getByTestId('note-text')).toHaveValue('客户明确拒绝后，AI 仍在推销。')
  await expect(page.getByTestId('comment')).toHaveCount(1)
  await expect(page.getByTestId('comment')).toContainText('这里应当结束通话')
  await expect(page.getByTestId('verdict-fail')).toHaveClass(/is-active/)
  await expect(page.getByTestId('waveform')).toHaveAttribute('data-state', 'ready')
  await page.keyboard.press('Space')
  await expect.poll(() => playerMs(page), { timeout: 15_000 }).toBeGreaterThan(1000)

  // A call with the customer's own track (730001 in the demo) offers it once the call is drawn,
  // from the cache alone.
  await page.evaluate((hash) => (window.location.hash = hash), '#/calls/730001')
  await expect(page.getByTestId('review-page')).toHaveAttribute('data-call-id', '730001')
  const customerTrack = page.getByTestId('track-switch').locator('label').nth(1)
  await customerTrack.click()
  await expect(customerTrack).toHaveClass(/is-active/)
  await expect(page.getByTestId('waveform')).toHaveAttribute('data-state', 'ready')
})
