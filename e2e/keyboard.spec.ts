// The keyboard a reviewer lives on: a key remapped in Settings works on the review page (and a
// key another action has is refused), Shift+B sets the intent level once, and the call list's
// keys work under Caps Lock. Against the simulator on a small slice of the demo data.
import type { Page } from '@playwright/test'
import { startSimulator, type RunningSimulator } from '../electron/sim/simulator'
import { expect, test } from './fixtures'
import { connectThroughWelcome, writeDataset } from './simulated-byrobot'

const INTENT = '客户意向等级'

let sim: RunningSimulator | undefined
test.afterEach(async () => {
  await sim?.close()
  sim = undefined
})

/** Two answered calls of the demo's first task: the first with intent level A, the second F. */
async function connectAndSync(page: Page): Promise<number[]> {
  const { dir, dataset } = writeDataset((data) => data, { calls: 2 })
  sim = await startSimulator({ dataset: dir })
  await connectThroughWelcome(page, {
    name: '键盘',
    baseUrl: sim.baseUrl,
    ...sim.credentials,
    companyId: sim.companyId,
  })
  await expect(page.getByTestId('sync-progress')).toHaveAttribute('data-phase', 'done', { timeout: 60_000 })
  return dataset.calls.map((call) => call.callInstanceId)
}

async function openCall(page: Page, callId: number): Promise<void> {
  await page.evaluate((hash) => (window.location.hash = hash), `#/calls/${callId}`)
  await expect(page.getByTestId('review-page')).toHaveAttribute('data-call-id', String(callId))
  await expect(page.getByTestId('review-page')).toHaveAttribute('data-built', 'true')
  await expect(page.getByTestId('waveform')).toHaveAttribute('data-state', 'ready')
}

const playerMs = async (page: Page) => Number(await page.getByTestId('player-time').getAttribute('data-ms'))
const currentIndex = async (page: Page) =>
  Number(
    (await page
      .locator('[data-testid="transcript-line"][aria-current="true"]')
      .getAttribute('data-index', { timeout: 1000 })
      .catch(() => null)) ?? -1,
  )

test('"next line" remapped in Settings moves to the next line with the new key, and a taken key is refused', async ({
  app,
}) => {
  test.setTimeout(120_000)
  const page = app.page
  const [callId] = await connectAndSync(page)

  await page.getByTestId('nav-settings').click()
  const nextLine = page.getByTestId('keymap-nextLine')
  await expect(nextLine).toHaveValue('J 或 ↓')
  // Shift+B already corrects the intent level to B: refused, naming that action; nothing changes.
  await nextLine.click()
  await page.keyboard.press('Shift+KeyB')
  await expect(page.getByTestId('keymap-conflict')).toHaveText('Shift+B 已用于「意向等级：确认或改为 B 级」，未改键')
  await expect(nextLine).toHaveValue('J 或 ↓')
  await page.keyboard.press('KeyF')
  await expect(nextLine).toHaveValue('F')
  await expect(page.getByTestId('keymap-conflict')).toHaveCount(0)
  await expect(page.getByTestId('keymap-reset-nextLine')).toBeEnabled()
  // Every action is remappable here, the list's and the intent level's included.
  const remappable = await page
    .locator('input[data-testid^="keymap-"]')
    .evaluateAll((els) => els.map((el) => el.getAttribute('data-testid')!.slice('keymap-'.length)))
  expect(remappable).toEqual(
    expect.arrayContaining(['nextLine', 'correctIntent.A', 'correctIntent.F', 'nextRow', 'openRow']),
  )

  await openCall(page, callId!)
  const starts = await page
    .getByTestId('transcript-line')
    .evaluateAll((els) => els.map((el) => Number(el.getAttribute('data-start-ms'))))
  expect(starts.length).toBeGreaterThan(3)
  // The old keys do nothing now; F moves to the next line's start (paused: the playhead stays there).
  let at = await playerMs(page)
  await page.keyboard.press('j')
  await page.keyboard.press('ArrowDown')
  for (let step = 0; step < 2; step++) {
    const expected = starts.findIndex((start) => start > at + 30)
    expect(expected).toBeGreaterThanOrEqual(0)
    await page.keyboard.press('f')
    await expect.poll(() => currentIndex(page)).toBe(expected)
    await expect.poll(async () => Math.abs((await playerMs(page)) - starts[expected]!)).toBeLessThanOrEqual(5)
    at = starts[expected]!
  }

  // The shortcut sheet lists every action of the keymap, with the remapped key as a person reads it.
  await page.keyboard.press('Shift+Slash')
  const sheet = page.getByTestId('shortcut-sheet')
  await expect(sheet).toBeVisible()
  const listed = await sheet
    .locator('dt[data-testid^="shortcut-"]')
    .evaluateAll((els) => els.map((el) => el.getAttribute('data-testid')))
  expect(listed).toEqual(remappable.map((id) => `shortcut-${id}`))
  await expect(sheet.getByTestId('shortcut-nextLine')).toHaveText('F')
  await expect(sheet.getByTestId('shortcut-seekBackLong')).toHaveText('Shift+←')
  await expect(sheet.getByTestId('shortcut-correctIntent.B')).toHaveText('Shift+B')
  // Esc closes the sheet (a dialog): the page's own Esc, back to the list, does not fire.
  await page.keyboard.press('Escape')
  await expect(sheet).toBeHidden()
  await expect(page.getByTestId('review-page')).toHaveAttribute('data-call-id', String(callId))
  await page.keyboard.press('Escape')
  await expect(page.getByTestId('call-list')).toBeVisible()
})

test('Shift+B corrects the intent level to B exactly once, and pressing it again changes nothing', async ({ app }) => {
  test.setTimeout(120_000)
  const page = app.page
  const [callId] = await connectAndSync(page)
  await openCall(page, callId!)

  const intent = page.locator(`[data-testid="result-check"][data-name="${INTENT}"]`)
  await expect(intent).toHaveCount(1)
  await expect(intent).toHaveAttribute('data-status', 'unchecked')
  await expect(intent.locator('.el-tag')).toHaveText('A级(较强)')

  await page.keyboard.press('Shift+KeyB')
  await expect(intent).toHaveAttribute('data-status', 'corrected')
  await expect(intent).toContainText('B级(一般)')
  // Again: no toggling back, no second check for the same tag.
  await page.keyboard.press('Shift+KeyB')
  await expect(intent).toHaveAttribute('data-status', 'corrected')
  await expect(page.getByTestId('result-check')).toHaveCount(3)

  const storedIntentChecks = async () => {
    const stored = (await app.invokeRaw('reviews.get', { callInstanceId: callId })) as {
      value: { tagChecks: { name: string }[] } | null
    }
    return stored.value?.tagChecks.filter((check) => check.name === INTENT) ?? []
  }
  await expect
    .poll(storedIntentChecks)
    .toEqual([{ name: INTENT, robotValue: 'A级(较强)', status: 'corrected', correctedValue: 'B级(一般)' }])
  await expect(page.getByTestId('note-saved')).toBeVisible()
  expect(await storedIntentChecks()).toHaveLength(1)
  await expect(intent).toHaveAttribute('data-status', 'corrected')
  await expect(intent).toContainText('B级(一般)')
})

test('the call list keys work under Caps Lock', async ({ app }) => {
  test.setTimeout(120_000)
  const page = app.page
  const callIds = await connectAndSync(page)
  await page.getByTestId('nav-calls').click()
  const rows = page.locator('[data-testid="call-row"][data-call-id]')
  await expect(rows).toHaveCount(callIds.length)
  const idAt = (index: number) =>
    page.locator(`[data-testid="call-row"][data-index="${index}"]`).getAttribute('data-call-id')
  const [first, second] = [await idAt(0), await idAt(1)]

  // Caps Lock on: the letter keys arrive as capitals without Shift.
  const seen = page.evaluate(
    () =>
      new Promise<{ key: string; code: string; shiftKey: boolean }>((resolve) =>
        window.addEventListener('keydown', (e) => resolve({ key: e.key, code: e.code, shiftKey: e.shiftKey }), {
          once: true,
          capture: true,
        }),
      ),
  )
  await page.getByTestId('call-list').focus()
  await page.keyboard.press('J')
  expect(await seen).toEqual({ key: 'J', code: 'KeyJ', shiftKey: false })
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('review-page')).toHaveAttribute('data-call-id', second!)
  // Esc on the review page goes back to the list.
  await expect(page.getByTestId('review-page')).toHaveAttribute('data-built', 'true')
  await page.keyboard.press('Escape')
  await expect(rows).toHaveCount(callIds.length)

  // End, then K (Caps Lock still on) up one row: the first call opens.
  await page.getByTestId('call-list').focus()
  await page.keyboard.press('End')
  await page.keyboard.press('K')
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('review-page')).toHaveAttribute('data-call-id', first!)
})
