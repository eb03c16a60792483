// A misbehaving BYRobot server: the sync meets 500s, 502 pages, cut-off JSON, 429s and calls
// finishing mid-paging. The app stays responsive while it runs and shows what failed, if anything.
import { startSimulator, type RunningSimulator } from '../electron/sim/simulator'
import { expect, test } from './fixtures'
import { connectThroughWelcome } from './simulated-byrobot'

let sim: RunningSimulator | undefined
test.afterEach(async () => {
  await sim?.close()
  sim = undefined
})

test('a sync against a faulty server keeps the app responsive and shows which calls failed', async ({ app }) => {
  test.setTimeout(120_000)
  // Hung requests are left to the unit suite: each costs the app's full 15 s timeout.
  sim = await startSimulator({
    generate: { tasks: 2, calls: 30, seed: 3 },
    faults: '500=0.3,502=0.1,malformed=0.1,429=0.1,retryAfter=0,latency=40,jitter=40,churn=2,seed=2',
  })
  const page = app.page
  await connectThroughWelcome(page, {
    name: '故障服务器',
    baseUrl: sim.baseUrl,
    ...sim.credentials,
    companyId: sim.companyId,
  })

  // While it syncs, every page opens at once and the main thread answers.
  const progress = page.getByTestId('sync-progress')
  for (const [nav, pageId] of [
    ['nav-calls', 'calls-page'],
    ['nav-settings', 'settings-page'],
    ['nav-tasks', 'tasks-page'],
  ] as const) {
    await page.getByTestId(nav).click()
    await expect(page.getByTestId(pageId)).toBeVisible({ timeout: 3000 })
    // Generous bounds (two shared cores, tracing on): a frozen renderer or host takes far longer.
    let started = Date.now()
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(resolve)))
    expect(Date.now() - started, 'the renderer paints').toBeLessThan(2000)
    started = Date.now()
    expect(await app.invokeRaw('sync.status', undefined)).toMatchObject({ ok: true })
    expect(Date.now() - started, 'the host answers').toBeLessThan(2000)
  }

  await expect(progress).toHaveAttribute('data-phase', /^(done|partial|failed)$/, { timeout: 90_000 })
  const state = (await (await fetch(`${sim.origin}/__admin/state`)).json()) as { injected: Record<string, number> }
  expect(
    Object.values(state.injected).reduce((a, b) => a + b, 0),
    'faults were injected',
  ).toBeGreaterThan(10)

  const phase = await progress.getAttribute('data-phase')
  const errorsShown = await page.getByTestId('sync-errors-link').isVisible()
  test.info().annotations.push({ type: 'outcome', description: `${phase}${errorsShown ? ', call errors listed' : ''}` })
  if (phase === 'failed') {
    // A list the client gave up on stops the sync: the reason is shown.
    await expect(progress.getByRole('alert')).toBeVisible()
  } else if (phase === 'partial') {
    // Calls the client gave up on are listed, each with its reason.
    expect(errorsShown, 'a partial sync lists what did not sync').toBe(true)
    await page.getByTestId('sync-errors-link').click()
    const items = page.locator('.sync-progress__errors li')
    await expect(items.first()).toBeVisible()
    expect(await items.count()).toBeGreaterThan(0)
    await expect(items.first()).not.toHaveText('')
    await page.keyboard.press('Escape')
  } else {
    // Or everything came through: nothing is listed as failed, and the calls page lists every call.
    expect(errorsShown).toBe(false)
    const total = sim.store.tasksOfCompany(sim.companyId).reduce((n, s) => n + (s.task.deleted ? 0 : s.calls.length), 0)
    await page.getByTestId('nav-calls').click()
    await expect(page.getByTestId('result-count')).toHaveAttribute('data-count', String(total))
  }

  // The app still works after the storm.
  await page.getByTestId('nav-calls').click()
  await expect(page.getByTestId('calls-page')).toBeVisible()
})
