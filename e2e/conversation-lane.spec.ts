// The conversation lane and the problem keys on a call synced from the simulator's generated data
// (its aiUnknown lines and barge-ins are known from the seed): the lane marks every aiUnknown line
// at its time, U lands the real <audio> element on the next one with that line current, Shift+U
// goes back, a hover explains a mark and a click plays from its start.
import type { Page } from '@playwright/test'
import { startSimulator, type RunningSimulator } from '../electron/sim/simulator'
import { expect, test } from './fixtures'
import { connectAndSync } from './simulated-byrobot'

declare global {
  interface Window {
    createdAudio?: HTMLAudioElement[]
  }
}

let sim: RunningSimulator | undefined
test.afterEach(async () => {
  await sim?.close()
  sim = undefined
})

interface Line {
  index: number
  start: number
  end: number
  aiUnknown: boolean
}

/** The media element's own clock, in ms (wavesurfer's element is not in the DOM: kept as the page makes it). */
const mediaMs = (page: Page) =>
  page.evaluate(() => {
    const audio = window.createdAudio?.at(-1)
    return audio ? audio.currentTime * 1000 : null
  })

const currentLine = (page: Page) => page.locator('[data-testid="transcript-line"][aria-current="true"]')

test('the lane marks every aiUnknown line at its time, and U / Shift+U step the player between them', async ({
  app,
}) => {
  test.setTimeout(180_000)
  sim = await startSimulator({ generate: { tasks: 2, calls: 20, seed: 10 } })
  // The call with a recording and the most aiUnknown AI lines whose timing the API gives, with a
  // barge-in among them (U must pass over other kinds of problem).
  const [call] = sim.store
    .tasksOfCompany(sim.companyId)
    .filter((state) => !state.task.deleted)
    .flatMap((state) => state.calls)
    .filter((entry) => entry.recordingExt('mix') !== null)
    .map((entry) => {
      const logs = entry.transcript().phoneLogs
      const unknown = logs.filter((log) => log.speaker === 'AI' && log.aiUnknown === 1)
      const bargeIns = (entry.transcript().speech ?? []).filter((segment) => segment.bargeIn)
      const lastStart = Math.max(...unknown.map((log) => log.startTime))
      return {
        id: entry.callInstanceId,
        unknown,
        bargeIns,
        timed: unknown.every((log) => log.endTime > 0),
        mixed: bargeIns.some((segment) => segment.startMs < lastStart),
      }
    })
    .filter((candidate) => candidate.timed && candidate.mixed)
    .sort((a, b) => b.unknown.length - a.unknown.length)
  expect(call!.unknown.length, 'the seed gives a call with two timed aiUnknown lines').toBeGreaterThanOrEqual(2)

  const page = app.page
  await connectAndSync(page, sim)

  // Opened fresh, keeping the audio elements the page makes, to read the real media clock.
  await page.addInitScript(() => {
    const create = document.createElement.bind(document)
    window.createdAudio = []
    document.createElement = ((tag: string, options?: ElementCreationOptions) => {
      const element = create(tag, options)
      if (element instanceof HTMLAudioElement) window.createdAudio!.push(element)
      return element
    }) as typeof document.createElement
  })
  await page.evaluate((hash) => (window.location.hash = hash), `#/calls/${call!.id}`)
  await page.reload()
  const review = page.getByTestId('review-page')
  await expect(review).toHaveAttribute('data-call-id', String(call!.id))
  await expect(review).toHaveAttribute('data-built', 'true')
  await expect(page.getByTestId('waveform')).toHaveAttribute('data-state', 'ready')

  const lines: Line[] = await page.getByTestId('transcript-line').evaluateAll((els) =>
    els.map((el) => ({
      index: Number(el.getAttribute('data-index')),
      start: Number(el.getAttribute('data-start-ms')),
      end: Number(el.getAttribute('data-end-ms')),
      aiUnknown: el.getAttribute('data-ai-unknown') === 'true',
    })),
  )
  // The transcript marks exactly the simulator's aiUnknown lines, at the times the API gave.
  const unknown = lines.filter((line) => line.aiUnknown).sort((a, b) => a.start - b.start)
  expect(unknown.map((line) => [line.start, line.end])).toEqual(
    call!.unknown.map((log) => [log.startTime, log.endTime]).sort((a, b) => a[0]! - b[0]!),
  )

  // The lane has an aiUnknown mark at exactly each of those lines, and no other.
  const unknownMarks = page.locator('[data-testid="lane-mark"][data-kind="aiUnknown"]')
  await expect(unknownMarks).toHaveCount(unknown.length)
  const marked = await unknownMarks.evaluateAll((els) =>
    els.map((el) => [Number(el.getAttribute('data-start-ms')), Number(el.getAttribute('data-end-ms'))]),
  )
  expect(marked.sort((a, b) => a[0]! - b[0]!)).toEqual(unknown.map((line) => [line.start, line.end]))

  // From the start, U: the media element stands at the first aiUnknown line's start, and that line is current.
  expect(await mediaMs(page)).toBe(0)
  for (const target of unknown) {
    await page.keyboard.press('u')
    await expect.poll(async () => Math.abs((await mediaMs(page))! - target.start)).toBeLessThan(15)
    await expect(currentLine(page)).toHaveAttribute('data-index', String(target.index))
    await expect(currentLine(page)).toHaveAttribute('data-ai-unknown', 'true')
  }
  // Past the last one U says so and stays; Shift+U goes back to the one before.
  await page.keyboard.press('u')
  await expect(page.locator('.no-problem')).toBeVisible()
  expect(Math.abs((await mediaMs(page))! - unknown.at(-1)!.start)).toBeLessThan(15)
  await expect(currentLine(page)).toHaveAttribute('data-index', String(unknown.at(-1)!.index))
  await page.keyboard.press('Shift+U')
  await expect.poll(async () => Math.abs((await mediaMs(page))! - unknown.at(-2)!.start)).toBeLessThan(15)
  await expect(currentLine(page)).toHaveAttribute('data-index', String(unknown.at(-2)!.index))

  // A hover says what a mark is and how long; a click moves the player to its start.
  const first = unknownMarks.first()
  await first.hover()
  await expect(page.getByTestId('lane-tip')).toBeVisible()
  const seconds = ((unknown[0]!.end - unknown[0]!.start) / 1000).toFixed(1)
  await expect(page.getByTestId('lane-tip')).toContainText(seconds)
  await first.click()
  await expect.poll(async () => Math.abs((await mediaMs(page))! - unknown[0]!.start)).toBeLessThan(15)
  await expect(currentLine(page)).toHaveAttribute('data-index', String(unknown[0]!.index))

  // On the waveform's own time axis at every zoom: a mark starts where its line's region starts.
  const region = page.locator(`[part="region line-${unknown[0]!.index}"]`)
  const offset = async () => Math.abs((await first.boundingBox())!.x - (await region.boundingBox())!.x)
  expect(await offset()).toBeLessThan(1.5)
  const widthBefore = (await first.boundingBox())!.width
  await page.locator('.player-controls__zoom-slider [role="slider"]').focus()
  await page.keyboard.press('End')
  await expect.poll(async () => (await first.boundingBox())!.width).toBeGreaterThan(widthBefore * 4)
  expect(await offset()).toBeLessThan(1.5)

  // The barge-ins the simulator made are on the lane too.
  await expect(page.locator('[data-testid="lane-mark"][data-kind="bargeIn"]')).toHaveCount(call!.bargeIns.length)
})
