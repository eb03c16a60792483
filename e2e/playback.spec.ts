// What the reviewer hears, checked on the real <audio> element rather than the app's idea of it:
// R replays a line and stops at its end, [ and ] change the speed, the track switch changes the source.
import type { Page } from '@playwright/test'
import { demo } from './demo-data'
import { expect, test } from './fixtures'
import { keepPlayingMedia, mediaCalls, mediaState } from './media'
import { startDemo } from './demo-journey'

/** The demo call that has the customer's own recording beside the full one. */
const CALL_WITH_CUSTOMER_TRACK = 730001
/** How late the stop at a line's end may come: the bound. */
const STOP_LATE_MS = 50
/** How early: none by design (the stop waits for the end); a little for the clock's rounding. */
const STOP_EARLY_MS = 5
/**
 * The lines R is checked on are at most this long: the six replays are real-time playback, and the
 * demo call's agent lines run 8–13 s (its customer lines 1–3 s), which made this one test take 40 s.
 * The stop is decided per frame near the end, so a line's length does not change how it is timed.
 */
const REPLAYED_LINE_MAX_MS = 3000

interface Line {
  index: number
  start: number
  end: number
}

async function openDemoCall(page: Page, callId: number): Promise<void> {
  await startDemo(page)
  await page.evaluate((hash) => (window.location.hash = hash), `#/calls/${callId}`)
  await expect(page.getByTestId('review-page')).toHaveAttribute('data-call-id', String(callId))
  await expect(page.getByTestId('review-page')).toHaveAttribute('data-built', 'true')
  await expect(page.getByTestId('waveform')).toHaveAttribute('data-state', 'ready')
  await keepPlayingMedia(page)
}

function transcriptLines(page: Page): Promise<Line[]> {
  return page.getByTestId('transcript-line').evaluateAll((els) =>
    els.map((el) => ({
      index: Number(el.getAttribute('data-index')),
      start: Number(el.getAttribute('data-start-ms')),
      end: Number(el.getAttribute('data-end-ms')),
    })),
  )
}

async function currentIndex(page: Page): Promise<number> {
  const current = page.locator('[data-testid="transcript-line"][aria-current="true"]')
  if ((await current.count()) === 0) return -1
  return Number(await current.getAttribute('data-index'))
}

/** Presses R and checks on the element's clock that the line played from its start and stopped at its end. */
async function replayAndCheck(page: Page, line: Line): Promise<void> {
  const seen = (await mediaCalls(page)).length
  await page.keyboard.press('r')
  // The element's own pause() call, and when on its clock it came (before the app's seek back a hair).
  await expect
    .poll(async () => (await mediaCalls(page)).slice(seen).some((c) => c.call === 'pause'), {
      // Looked at every 100 ms: the default backs off to once a second, a second lost per replay.
      intervals: [100],
      timeout: line.end - line.start + 15_000,
    })
    .toBe(true)
  const calls = (await mediaCalls(page)).slice(seen)
  const played = calls.find((c) => c.call === 'play')!
  const paused = calls.find((c) => c.call === 'pause')!
  expect(calls.indexOf(played), 'played before it paused').toBeLessThan(calls.indexOf(paused))
  expect(played.atMs, `line ${line.index} starts playing at its start`).toBeCloseTo(line.start, 0)
  expect(paused.atMs, `line ${line.index} stops no earlier than its end`).toBeGreaterThanOrEqual(
    line.end - STOP_EARLY_MS,
  )
  expect(paused.atMs, `line ${line.index} stops within ${STOP_LATE_MS} ms of its end`).toBeLessThanOrEqual(
    line.end + STOP_LATE_MS,
  )
  // And it stays stopped on that line.
  const state = (await mediaState(page))!
  expect(state.paused).toBe(true)
  expect(state.currentMs).toBeGreaterThanOrEqual(line.start)
  expect(state.currentMs).toBeLessThanOrEqual(line.end)
  await expect.poll(() => currentIndex(page)).toBe(line.index)
}

test.beforeAll(() => {
  const call = demo.calls.find((c) => c.callInstanceId === CALL_WITH_CUSTOMER_TRACK)
  expect(call?.userRecording, 'the demo call has a customer recording').toBeTruthy()
})

test('R plays the current line from its start and stops within 50 ms of its end on the real audio', async ({ app }) => {
  test.setTimeout(180_000)
  const { page } = app
  await openDemoCall(page, CALL_WITH_CUSTOMER_TRACK)
  const lines = await transcriptLines(page)
  expect(lines.length).toBeGreaterThan(4)

  expect(
    lines.filter((l) => l.index < lines.length - 1 && l.end - l.start <= REPLAYED_LINE_MAX_MS).length,
    'the call has three short lines to replay',
  ).toBeGreaterThanOrEqual(3)

  // Three lines in a row, so a stop that lands in time once by luck does not pass.
  for (let round = 0; round < 3; round++) {
    // J on to the next short line (J only moves the playhead; nothing plays on the way).
    let line: Line
    do {
      const before = await currentIndex(page)
      await page.keyboard.press('j')
      await expect.poll(() => currentIndex(page)).not.toBe(before)
      line = lines[await currentIndex(page)]!
      expect(line.index, 'a line with a line after it').toBeLessThan(lines.length - 1)
    } while (line.end - line.start > REPLAYED_LINE_MAX_MS)
    expect(line.end).toBeGreaterThan(line.start)

    // Once from the line's start (where J left the playhead), once more from its end (where R left it).
    await replayAndCheck(page, line)
    await replayAndCheck(page, line)
  }
})

test('] and [ change the media element’s playbackRate by one speed step and back', async ({ app }) => {
  test.setTimeout(180_000)
  const { page } = app
  await openDemoCall(page, CALL_WITH_CUSTOMER_TRACK)
  await page.keyboard.press('Space')
  await expect.poll(async () => (await mediaState(page))?.paused).toBe(false)
  const rate = async () => (await mediaState(page))!.playbackRate
  expect(await rate()).toBe(1)

  await page.keyboard.press(']')
  await expect.poll(rate).toBe(1.25)
  await page.keyboard.press(']')
  await expect.poll(rate).toBe(1.5)
  // Faster without the chipmunk voice.
  expect((await mediaState(page))!.preservesPitch).toBe(true)
  await page.keyboard.press('[')
  await expect.poll(rate).toBe(1.25)
  await page.keyboard.press('[')
  await expect.poll(rate).toBe(1)
  await page.keyboard.press('[')
  await expect.poll(rate).toBe(0.75)
  await expect(page.getByTestId('playback-rate')).toHaveText('0.75×')
})

test('the customer-track switch plays the customer recording, and switching back plays the full one', async ({
  app,
}) => {
  test.setTimeout(180_000)
  const { page } = app
  await openDemoCall(page, CALL_WITH_CUSTOMER_TRACK)
  const mediaRequests: string[] = []
  page.on('request', (request) => {
    if (request.url().includes(`/media/${CALL_WITH_CUSTOMER_TRACK}/`)) mediaRequests.push(request.url())
  })
  const full = new RegExp(`/media/${CALL_WITH_CUSTOMER_TRACK}/full(\\?|$)`)
  const customer = new RegExp(`/media/${CALL_WITH_CUSTOMER_TRACK}/customer(\\?|$)`)
  const switcher = page.getByTestId('track-switch').locator('label')

  /** Plays the shown track with the button and waits for its element's clock to move. */
  async function playsFrom(source: RegExp): Promise<void> {
    await page.getByTestId('play-pause').click()
    await expect.poll(async () => (await mediaState(page))?.currentSrc).toMatch(source)
    await expect.poll(async () => (await mediaState(page))!.currentMs, { timeout: 15_000 }).toBeGreaterThan(500)
    expect((await mediaState(page))!.paused).toBe(false)
  }

  await playsFrom(full)
  await switcher.nth(1).click()
  await expect(switcher.nth(1)).toHaveClass(/is-active/)
  await expect(page.getByTestId('waveform')).toHaveAttribute('data-state', 'ready')
  await playsFrom(customer)
  expect(
    mediaRequests.some((url) => customer.test(url)),
    'the customer recording was fetched',
  ).toBe(true)

  await switcher.nth(0).click()
  await expect(switcher.nth(0)).toHaveClass(/is-active/)
  await expect(page.getByTestId('waveform')).toHaveAttribute('data-state', 'ready')
  await playsFrom(full)
})
