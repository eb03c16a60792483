// The task detail's charts on data shaped like a real account's: extraStat as a list with short
// labels (`较强` for `A级(较强)`). Each bar opens the calls it counts; the calls page then exports
// the task's customers not dialed yet; statistics that fit no result are shown as sent.
import { readFileSync } from 'node:fs'
import { setStatShape } from '../electron/sim/api/stat-shape'
import { startSimulator, type RunningSimulator } from '../electron/sim/simulator'
import { expect, test } from './fixtures'
import { connectThroughWelcome } from './simulated-byrobot'

let sim: RunningSimulator | undefined
test.afterEach(async () => {
  await sim?.close()
  sim = undefined
})

test('short-form result, duration and chat-round bars open the calls they count; unplaceable statistics show as sent', async ({
  app,
}) => {
  test.setTimeout(150_000)
  sim = await startSimulator({
    generate: { tasks: 3, calls: 40, seed: 8 },
    statShape: { extraStat: 'list-value', labels: 'short' },
  })
  const { page } = app
  await connectThroughWelcome(page, {
    name: '真实形态',
    baseUrl: sim.baseUrl,
    ...sim.credentials,
    companyId: sim.companyId,
  })
  await expect(page.getByTestId('sync-progress')).toHaveAttribute('data-phase', 'done', { timeout: 90_000 })

  // A live task that was dialed and still has customers to dial.
  const state = sim.store
    .tasksOfCompany(sim.companyId)
    .find((s) => !s.task.deleted && s.calls.length > 0 && s.notDialed.length > 0)!
  const answered = state.calls.filter((call) => call.finishStatus === 0)
  const strong = answered.filter((call) =>
    call.results().some((r) => r.resultName === '客户意向等级' && r.resultValue === 'A级(较强)'),
  ).length
  const midLength = answered.filter((call) => call.duration >= 10 && call.duration <= 59).length
  const threeOrFour = answered.filter((call) => call.chatRound >= 3 && call.chatRound <= 4).length
  expect(strong, 'the task has calls of the full value').toBeGreaterThan(0)
  expect(midLength).toBeGreaterThan(0)

  const openDetail = async (): Promise<void> => {
    await page.getByTestId('nav-tasks').click()
    await page.getByTestId('task-name').filter({ hasText: state.task.jobName }).click()
    await expect(page.getByTestId('task-detail-page')).toBeVisible()
  }
  const count = page.getByTestId('result-count')

  // The server says `较强`; the bar counts the cache's `A级(较强)` calls and opens exactly those.
  await openDetail()
  const strongLink = page.locator('[data-testid="result-link"][data-tag="客户意向等级:较强"]')
  await expect(strongLink).toHaveAttribute('data-server-count', String(strong))
  await expect(strongLink).toHaveAttribute('data-cache-count', String(strong))
  await expect(page.locator('[data-testid="result-link"][data-tag="客户意向等级:A级(较强)"]')).toHaveCount(0)
  await strongLink.click()
  await expect(page).toHaveURL(/#\/calls\?/)
  expect(decodeURIComponent(page.url())).toContain('tag=客户意向等级:A级(较强)')
  await expect(count).toHaveAttribute('data-count', String(strong))

  // Duration and chat-round buckets open their range of answered calls.
  await openDetail()
  const durationLink = page.locator('[data-testid="duration-link"][data-bucket="10-50s"]')
  await expect(durationLink).toHaveAttribute('data-server-count', String(midLength))
  await expect(durationLink).toHaveAttribute('data-cache-count', String(midLength))
  await durationLink.click()
  await expect(count).toHaveAttribute('data-count', String(midLength))

  await openDetail()
  const roundLink = page.locator('[data-testid="chat-round-link"][data-bucket="3-4次"]')
  await expect(roundLink).toHaveAttribute('data-cache-count', String(threeOrFour))
  await roundLink.click()
  await expect(count).toHaveAttribute('data-count', String(threeOrFour))
  await expect(page.getByTestId('unrecognised-stats')).toHaveCount(0)

  // From this task's calls, the export choice writes its customers not dialed yet.
  await page.getByTestId('export-what').click()
  await page.getByRole('option', { name: '未拨打客户' }).click()
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()])
  expect(download.suggestedFilename()).toMatch(/^calllens-not-dialed-.*\.csv$/)
  const [header, ...rows] = readFileSync((await download.path())!, 'utf8')
    .replace(/^\uFEFF/, '')
    .trim()
    .split('\r\n')
  // Headers in the UI's language (Chinese here).
  expect(header!.split(',').slice(0, 4)).toEqual(['任务ID', '任务名称', '客户姓名', '客户电话'])
  expect(rows).toHaveLength(state.notDialed.length)
  expect(rows.map((row) => row.split(',')[3]).sort()).toEqual(state.notDialed.map((c) => c.customerTelephone).sort())

  // A server that sends flat rows no declared result holds: the task detail shows them as sent.
  setStatShape(sim.store, { extraStat: 'flat' })
  state.task.resultDefs = []
  await page.getByTestId('nav-tasks').click()
  await page.getByTestId('sync-all').click()
  await page.getByTestId('task-name').filter({ hasText: state.task.jobName }).click()
  const unrecognised = page.getByTestId('unrecognised-stats')
  await expect(unrecognised).toBeVisible({ timeout: 60_000 })
  await unrecognised.locator('summary').click()
  await expect(unrecognised.locator('pre')).toContainText('"name": "较强"')
  await expect(page.getByTestId('result-distribution')).toHaveCount(0)
  expect(app.problems).toEqual([])
})
