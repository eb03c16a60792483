// What a real account serves: a task the app key may not read, and calls whose recordings cannot
// be had. The sync goes on and says it did not get everything; the reviewer sees which task failed,
// which calls have no recording and why, and still reviews those calls' transcripts.
import { startSimulator, type RunningSimulator } from '../electron/sim/simulator'
import { expect, test } from './fixtures'
import { connectThroughWelcome } from './simulated-byrobot'

let sim: RunningSimulator | undefined
test.afterEach(async () => {
  await sim?.close()
  sim = undefined
})

test('a forbidden task is named, and calls without a recording stay reviewable with the reason shown', async ({
  app,
}) => {
  test.setTimeout(120_000)
  sim = await startSimulator({ generate: { tasks: 3, calls: 8, seed: 21 } })
  const [reviewed, forbidden] = sim.store
    .tasksOfCompany(sim.companyId)
    .filter((s) => !s.task.deleted && s.calls.length > 0)
    .map((s) => s.task)
  const calls = sim.store.tasksOfCompany(sim.companyId).find((s) => s.task === reviewed)!.calls
  const [missing, fileUrl] = calls.filter((c) => c.recordingExt('mix') !== null).map((c) => c.callInstanceId)
  sim.setQuirks({
    tasks: { [forbidden!.callJobId]: { detail: 403 } },
    recordings: { [missing!]: 404, [fileUrl!]: 'file' },
  })

  const page = app.page
  await connectThroughWelcome(page, {
    name: '真实账号',
    baseUrl: sim.baseUrl,
    ...sim.credentials,
    companyId: sim.companyId,
  })
  const progress = page.getByTestId('sync-progress')
  await expect(progress).toHaveAttribute('data-phase', 'partial', { timeout: 60_000 })

  // The errors dialog names the task that did not sync, and only it.
  await page.getByTestId('sync-errors-link').click()
  const errors = page.getByTestId('sync-error')
  await expect(errors).toHaveCount(1)
  await expect(errors.first()).toHaveAttribute('data-task-id', String(forbidden!.callJobId))
  await expect(errors.first()).toContainText(forbidden!.jobName)
  await page.keyboard.press('Escape')

  // Every call of the other task is listed; the two without a recording say so.
  await page.evaluate((hash) => (window.location.hash = hash), `#/calls?task=${reviewed!.callJobId}`)
  const rows = page.locator('[data-testid="call-row"][data-call-id]')
  await expect(rows).toHaveCount(calls.length)
  const marked = page.locator('[data-testid="call-row"] [data-testid="recording-unavailable"]')
  await expect(marked).toHaveCount(2)
  await expect(
    page.locator(`[data-testid="call-row"][data-call-id="${missing}"] [data-testid="recording-unavailable"]`),
  ).toHaveAttribute('data-reason', 'not_found')
  await expect(
    page.locator(`[data-testid="call-row"][data-call-id="${fileUrl}"] [data-testid="recording-unavailable"]`),
  ).toHaveAttribute('data-reason', 'refused_url')

  // The review page: a notice with the reason where the waveform would be, every transcript line, a note saved.
  await page.evaluate((hash) => (window.location.hash = hash), `#/calls/${missing}`)
  const notice = page.getByTestId('review-page').getByTestId('recording-unavailable')
  await expect(notice).toHaveAttribute('data-reason', 'not_found')
  await expect(notice).toContainText('HTTP 404')
  const phoneLogs = sim.store.anyCall(missing!)!.transcript().phoneLogs
  await expect(page.getByTestId('transcript-line')).toHaveCount(phoneLogs.length)
  await expect(page.getByTestId('transcript-line').first()).toContainText(phoneLogs[0]!.content.slice(0, 8))
  await page.getByTestId('note-text').fill('录音缺失，按转写审听')
  await page.getByTestId('note-text').press('Escape')
  await expect(page.getByTestId('note-saved')).toBeVisible()

  // Storage has the file again: "try again now" fetches it at once (no waiting for a day) and it plays.
  sim.setQuirks({ tasks: sim.quirks().tasks, recordings: { [fileUrl!]: 'file' } })
  await page.getByTestId('retry-recording').click()
  await expect(notice).toHaveCount(0, { timeout: 30_000 })
  await expect(page.getByTestId('waveform')).toHaveAttribute('data-state', 'ready')
  await expect(page.getByTestId('note-text')).toHaveValue('录音缺失，按转写审听')
})
