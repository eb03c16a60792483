// Several accounts on one desktop: after the demo, a reviewer adds a second BYRobot connection
// (a simulator with generated data), tests it, switches to it and back, and removes it — each
// profile's calls and reviews stay its own, and removing one deletes everything it had.
import type { Page } from '@playwright/test'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { startSimulator, type RunningSimulator } from '../electron/sim/simulator'
import { expect, test } from './fixtures'
import { connectThroughWelcome } from './simulated-byrobot'

let sim: RunningSimulator | undefined
let slowSim: RunningSimulator | undefined
test.afterEach(async () => {
  await sim?.close()
  await slowSim?.close()
  sim = undefined
  slowSim = undefined
})

const NOTE = '切换连接前写下的审听意见。'

/** The calls a full sync of the simulator's first company caches (its tasks that are not deleted). */
function syncedCalls(simulator: RunningSimulator): { tasks: number; calls: number } {
  const tasks = simulator.store.tasksOfCompany(simulator.companyId).filter((state) => !state.task.deleted)
  return { tasks: tasks.length, calls: tasks.reduce((sum, state) => sum + state.calls.length, 0) }
}

async function callCount(page: Page): Promise<number> {
  await page.getByTestId('nav-calls').click()
  const count = page.getByTestId('result-count')
  await expect(count).toHaveAttribute('data-count', /^\d+$/)
  return Number(await count.getAttribute('data-count'))
}

/** From now on, records whether the task list's error banner ever shows, if only for a moment. */
async function watchForTasksError(page: Page): Promise<() => Promise<boolean>> {
  await page.evaluate(() => {
    const seen = window as unknown as { sawTasksError: boolean }
    seen.sawTasksError = false
    new MutationObserver(() => {
      if (document.querySelector('[data-testid="tasks-error"]')) seen.sawTasksError = true
    }).observe(document.body, { childList: true, subtree: true })
  })
  return () => page.evaluate(() => (window as unknown as { sawTasksError: boolean }).sawTasksError)
}

const row = (page: Page, id: string) => page.locator(`[data-testid="profile-row"][data-profile-id="${id}"]`)

test('a reviewer adds a second connection, switches to it and back, and removes it; each keeps its own calls and reviews', async ({
  app,
}) => {
  test.setTimeout(180_000)
  sim = await startSimulator({ generate: { tasks: 2, calls: 7, seed: 31 } })
  const second = syncedCalls(sim)
  const page = app.page

  // The demo, synced: the task list shows its tasks, and never an error from before the profile existed.
  const sawTasksError = await watchForTasksError(page)
  await page.getByTestId('try-demo').click()
  await expect(page.getByTestId('sync-progress')).toHaveAttribute('data-phase', 'done', { timeout: 90_000 })
  await expect(page.getByTestId('tasks-page')).toBeVisible()
  await expect(page.getByTestId('task-name')).toHaveCount(3)
  await expect(page.getByTestId('tasks-error')).toHaveCount(0)
  expect(await sawTasksError()).toBe(false)

  // A note on one demo call, to find again after the round trip.
  const demoCalls = await callCount(page)
  expect(demoCalls).toBeGreaterThan(second.calls)
  const reviewedId = await page.locator('[data-testid="call-row"][data-call-id]').first().getAttribute('data-call-id')
  await page.evaluate((hash) => (window.location.hash = hash), `#/calls/${reviewedId}`)
  await expect(page.getByTestId('review-page')).toHaveAttribute('data-call-id', reviewedId!)
  await page.getByTestId('note-text').fill(NOTE)
  await expect(page.getByTestId('note-saved')).toBeVisible()

  // Connections: the demo, active and marked as such, with what it holds.
  await page.getByTestId('nav-connections').click()
  const rows = page.getByTestId('profile-row')
  await expect(rows).toHaveCount(1)
  const demoId = (await rows.first().getAttribute('data-profile-id'))!
  await expect(rows.first()).toHaveAttribute('data-active', 'true')
  await expect(rows.first().getByTestId('profile-demo-badge')).toBeVisible()
  await expect(rows.first().getByTestId('profile-cached-calls')).toHaveAttribute('data-count', String(demoCalls))
  await expect(rows.first().getByTestId('profile-reviews')).toHaveAttribute('data-count', '1')
  await expect(rows.first().getByTestId('profile-secret-storage')).toHaveAttribute('data-storage', 'key-file')

  // Add the second account: the test reaches it and counts its tasks; saving lists it, inactive.
  await page.getByTestId('profile-add').click()
  await page.getByTestId('profile-name').fill('第二个账号')
  await page.getByTestId('profile-base-url').fill(sim.baseUrl)
  await page.getByTestId('profile-app-key').fill(sim.credentials.appKey)
  await page.getByTestId('profile-company-id').fill(String(sim.companyId))
  await page.getByTestId('profile-app-secret').fill(sim.credentials.appSecret)
  await page.getByTestId('profile-test').click()
  await expect(page.getByTestId('profile-outcome')).toContainText(`可访问 ${second.tasks} 个任务`)
  await page.getByTestId('profile-save').click()
  await expect(page.getByTestId('profile-form')).toHaveCount(0)
  await expect(rows).toHaveCount(2)
  const secondRow = page.locator('[data-testid="profile-row"]:not([data-profile-id="' + demoId + '"])')
  const secondId = (await secondRow.getAttribute('data-profile-id'))!
  await expect(secondRow).toHaveAttribute('data-active', 'false')
  await expect(secondRow.getByTestId('profile-app-key-cell')).not.toContainText(sim.credentials.appKey)

  // Edit it without re-entering the key or secret: the stored ones still connect, and stay.
  await secondRow.getByTestId('profile-edit').click()
  await expect(page.getByTestId('profile-app-secret')).toHaveValue('')
  await page.getByTestId('profile-name').fill('第二个账号（华东）')
  await page.getByTestId('profile-company-id').fill(String(sim.companyId + 1))
  await expect(page.getByTestId('profile-company-warning')).toBeVisible()
  await page.getByTestId('profile-company-id').fill(String(sim.companyId))
  await expect(page.getByTestId('profile-company-warning')).toHaveCount(0)
  await page.getByTestId('profile-test').click()
  await expect(page.getByTestId('profile-outcome')).toContainText(`可访问 ${second.tasks} 个任务`)
  await page.getByTestId('profile-save').click()
  await expect(secondRow.getByTestId('profile-name-cell')).toHaveText('第二个账号（华东）')

  // Switch to it: its first sync runs, and the calls page shows its calls only.
  await secondRow.getByTestId('profile-activate').click()
  await expect(page.getByTestId('tasks-page')).toBeVisible()
  await expect(page.getByTestId('sync-progress')).toHaveAttribute('data-phase', 'done', { timeout: 60_000 })
  await expect(page.getByTestId('task-name')).toHaveCount(second.tasks)
  await expect(page.getByTestId('tasks-error')).toHaveCount(0)
  expect(await callCount(page)).toBe(second.calls)

  // And back: the demo's calls and the note are as they were.
  await page.getByTestId('nav-connections').click()
  await expect(row(page, secondId)).toHaveAttribute('data-active', 'true')
  await expect(row(page, secondId).getByTestId('profile-cached-calls')).toHaveAttribute(
    'data-count',
    String(second.calls),
  )
  await row(page, demoId).getByTestId('profile-activate').click()
  await expect(page.getByTestId('tasks-page')).toBeVisible()
  await expect(page.getByTestId('task-name')).toHaveCount(3)
  expect(await callCount(page)).toBe(demoCalls)
  await page.evaluate((hash) => (window.location.hash = hash), `#/calls/${reviewedId}`)
  await expect(page.getByTestId('review-page')).toHaveAttribute('data-call-id', reviewedId!)
  await expect(page.getByTestId('note-text')).toHaveValue(NOTE)

  // Remove the second: its reviews are offered as an export first, then everything it had goes.
  await page.getByTestId('nav-connections').click()
  await expect(row(page, demoId)).toHaveAttribute('data-active', 'true')
  await row(page, secondId).getByTestId('profile-remove').click()
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('profile-remove-export').click(),
  ])
  const exported = JSON.parse(readFileSync((await download.path())!, 'utf8')) as { callInstanceId: number }[]
  expect(exported).toHaveLength(second.calls)
  expect(existsSync(join(app.dataDir, 'profiles', secondId))).toBe(true)
  await page.getByTestId('profile-remove-confirm').click()
  await expect(row(page, secondId)).toHaveCount(0)
  await expect(rows).toHaveCount(1)
  expect(existsSync(join(app.dataDir, 'profiles', secondId))).toBe(false)
  expect(existsSync(join(app.dataDir, 'secrets', `${secondId}.key`))).toBe(false)
  expect(existsSync(join(app.dataDir, 'profiles', demoId, 'cache.db'))).toBe(true)
  expect(await callCount(page)).toBe(demoCalls)
})

test('the demo can be removed like any other connection, and tried again afterwards', async ({ app }) => {
  test.setTimeout(150_000)
  const page = app.page
  await page.getByTestId('try-demo').click()
  await expect(page.getByTestId('sync-progress')).toHaveAttribute('data-phase', 'done', { timeout: 90_000 })
  const demoCalls = await callCount(page)

  await page.getByTestId('nav-connections').click()
  const demoId = (await page.getByTestId('profile-row').getAttribute('data-profile-id'))!
  await page.getByTestId('profile-remove').click()
  await page.getByTestId('profile-remove-confirm').click()
  await expect(page.getByTestId('welcome-page')).toBeVisible()
  expect(existsSync(join(app.dataDir, 'profiles', demoId))).toBe(false)

  // The welcome page's demo again: a new demo profile, synced from scratch.
  await page.getByTestId('try-demo').click()
  await expect(page.getByTestId('sync-progress')).toHaveAttribute('data-phase', 'done', { timeout: 90_000 })
  await expect(page.getByTestId('tasks-error')).toHaveCount(0)
  expect(await callCount(page)).toBe(demoCalls)
  await page.getByTestId('nav-connections').click()
  await expect(page.getByTestId('profile-row')).toHaveCount(1)
  await expect(page.getByTestId('profile-row')).not.toHaveAttribute('data-profile-id', demoId)
  await expect(page.getByTestId('profile-row')).toHaveAttribute('data-active', 'true')
})

test('before any connection exists, Connections is reachable, and the first connection added there becomes the active one', async ({
  app,
}) => {
  sim = await startSimulator({ generate: { tasks: 1, calls: 3, seed: 32 } })
  const page = app.page
  await expect(page.getByTestId('welcome-page')).toBeVisible()
  await expect(page.getByTestId('welcome-connections')).toHaveCount(0)
  await page.getByTestId('nav-connections').click()
  await expect(page.getByTestId('connections-page')).toBeVisible()
  expect(page.url()).toContain('#/connections')
  await expect(page.getByTestId('profile-row')).toHaveCount(0)

  await page.getByTestId('profile-add').click()
  await page.getByTestId('profile-name').fill('唯一的账号')
  await page.getByTestId('profile-base-url').fill(sim.baseUrl)
  await page.getByTestId('profile-app-key').fill(sim.credentials.appKey)
  await page.getByTestId('profile-company-id').fill(String(sim.companyId))
  await page.getByTestId('profile-app-secret').fill(sim.credentials.appSecret)
  await page.getByTestId('profile-save').click()

  // It syncs at once, and the rest of the app opens with its data.
  await expect(page.getByTestId('tasks-page')).toBeVisible()
  await expect(page.getByTestId('sync-progress')).toHaveAttribute('data-phase', 'done', { timeout: 60_000 })
  expect(await callCount(page)).toBe(syncedCalls(sim).calls)
  await page.getByTestId('nav-connections').click()
  await expect(page.getByTestId('profile-row')).toHaveAttribute('data-active', 'true')

  // The welcome page links back here once a connection exists.
  await page.evaluate(() => (window.location.hash = '#/welcome'))
  await page.getByTestId('welcome-connections').click()
  await expect(page.getByTestId('profile-row')).toHaveCount(1)
})

test('switching away from a connection while it syncs asks first, cancels that sync, and opens the other one', async ({
  app,
}) => {
  test.setTimeout(120_000)
  // Every answer of the first account takes 1.5 s: its first sync is still running when we switch.
  slowSim = await startSimulator({ generate: { tasks: 2, calls: 20, seed: 33 }, latency: 1500 })
  sim = await startSimulator({ generate: { tasks: 1, calls: 4, seed: 34 } })
  const page = app.page
  await connectThroughWelcome(page, {
    name: '慢的账号',
    baseUrl: slowSim.baseUrl,
    companyId: slowSim.companyId,
    ...slowSim.credentials,
  })

  await page.getByTestId('nav-connections').click()
  await page.getByTestId('profile-add').click()
  await page.getByTestId('profile-name').fill('快的账号')
  await page.getByTestId('profile-base-url').fill(sim.baseUrl)
  await page.getByTestId('profile-app-key').fill(sim.credentials.appKey)
  await page.getByTestId('profile-company-id').fill(String(sim.companyId))
  await page.getByTestId('profile-app-secret').fill(sim.credentials.appSecret)
  await page.getByTestId('profile-save').click()
  const fastId = (await page
    .locator('[data-testid="profile-row"][data-active="false"]')
    .getAttribute('data-profile-id'))!
  await row(page, fastId).getByTestId('profile-activate').click()

  // Asked first; accepted, the running sync is cancelled and the fast account syncs and shows.
  await expect(page.getByTestId('profile-activate-confirm')).toBeVisible()
  await page.getByTestId('profile-activate-confirm').click()
  await expect(page.getByTestId('tasks-page')).toBeVisible()
  await expect(page.getByTestId('sync-progress')).toHaveAttribute('data-phase', 'done', { timeout: 60_000 })
  await expect(page.getByTestId('tasks-error')).toHaveCount(0)
  expect(await callCount(page)).toBe(syncedCalls(sim).calls)
  await page.getByTestId('nav-connections').click()
  await expect(row(page, fastId)).toHaveAttribute('data-active', 'true')
  await expect(row(page, fastId)).toContainText('快的账号')
  await expect(row(page, fastId).getByTestId('profile-cached-calls')).toHaveAttribute(
    'data-count',
    String(syncedCalls(sim).calls),
  )
})
