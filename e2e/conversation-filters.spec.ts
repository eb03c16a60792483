// The calls page's conversation filters on simulated data: "has barge-in" lists exactly the calls
// the simulator says have a measurable barge-in (its own marks, not CallLens's measuring), its facet
// count says so before it is picked, the link reopens the same list, and Shift+N on the review page
// (Shift+J in the list) goes to the next call with a problem as the simulator's data defines it.
import type { Page } from '@playwright/test'
import { PROBLEM_SILENCE_MS } from '../electron/shared/contract/constants'
import { startSimulator, type RunningSimulator } from '../electron/sim/simulator'
import type { CallEntry } from '../electron/sim/store/types'
import { expect, test, type CallLensApp } from './fixtures'
import { connectAndSync, largestLiveTask } from './simulated-byrobot'

let sim: RunningSimulator | undefined
test.afterEach(async () => {
  await sim?.close()
  sim = undefined
})

const timed = (log: { startTime: number; endTime: number }) => log.startTime >= 0 && log.endTime > log.startTime

/**
 * A barge-in CallLens can measure: the simulator marks the customer line as one, and the AI line it
 * talks over has its timing in phoneLogs (a call whose AI lines are sent as 0/0 has the overlap in
 * its recording only).
 */
function hasMeasurableBargeIn(call: CallEntry): boolean {
  const { phoneLogs, speech } = call.transcript()
  return (speech ?? []).some((segment, i) => segment.bargeIn === true && i > 0 && timed(phoneLogs[i - 1]!))
}

/** Problem, by the simulator's phoneLogs: a barge-in, an aiUnknown line, or a pause of 5 s or more between timed lines. */
function hasProblem(call: CallEntry): boolean {
  const { phoneLogs } = call.transcript()
  if (hasMeasurableBargeIn(call) || phoneLogs.some((log) => log.speaker === 'AI' && log.aiUnknown === 1)) return true
  const lines = phoneLogs.filter(timed).sort((a, b) => a.startTime - b.startTime)
  let latestEnd = lines[0]?.endTime ?? 0
  for (const line of lines.slice(1)) {
    if (line.startTime - latestEnd >= PROBLEM_SILENCE_MS) return true
    latestEnd = Math.max(latestEnd, line.endTime)
  }
  return false
}

async function listed(app: CallLensApp, filter: object): Promise<number[]> {
  const answer = (await app.invokeRaw('calls.query', { filter, page: { offset: 0, limit: 500 } })) as {
    value: { rows: { callInstanceId: number }[] }
  }
  return answer.value.rows.map((row) => row.callInstanceId)
}

const resultCount = (page: Page) => page.getByTestId('result-count')

test('"has barge-in" lists exactly the calls with a barge-in, from its facet count to a reopened link, and Shift+N / Shift+J find the next call with a problem', async ({
  app,
}) => {
  test.setTimeout(240_000)
  const { page } = app
  sim = await startSimulator({ generate: { tasks: 2, calls: 120, seed: 15 } })
  await connectAndSync(page, sim)
  const task = largestLiveTask(sim)
  const taskId = task.task.callJobId
  const withBargeIn = task.calls.filter(hasMeasurableBargeIn).map((call) => call.callInstanceId)
  expect(withBargeIn.length, 'the generated task has calls with a barge-in').toBeGreaterThan(2)
  expect(withBargeIn.length, 'and calls without one').toBeLessThan(task.calls.length)

  await page.evaluate((hash) => (window.location.hash = hash), `#/calls?task=${taskId}`)
  await expect(resultCount(page)).toHaveAttribute('data-count', String(task.calls.length))
  const hasBargeIn = page.getByTestId('filter-barge-in')
  // The facet count says how many before the filter is picked.
  await expect(hasBargeIn.locator('[data-count]')).toHaveAttribute('data-count', String(withBargeIn.length))
  await hasBargeIn.getByText('有').click()
  await expect(resultCount(page)).toHaveAttribute('data-count', String(withBargeIn.length))
  await expect(page).toHaveURL(/[?&]barge=1(&|$)/)
  expect((await listed(app, { taskId, hasBargeIn: true })).sort()).toEqual([...withBargeIn].sort())

  // The link reopens the same list, the filter shown as picked.
  const link = page.url()
  await page.evaluate(() => (window.location.hash = '#/tasks'))
  await expect(page.getByTestId('calls-page')).toBeHidden()
  await page.goto(link)
  await page.reload()
  await expect(resultCount(page)).toHaveAttribute('data-count', String(withBargeIn.length))
  await expect(hasBargeIn.locator('.is-active')).toHaveText(/有/)
  const rows = await page
    .getByTestId('call-row')
    .evaluateAll((els) => els.map((el) => Number(el.getAttribute('data-call-id'))))
  // The table renders the rows in view: each of them is one of those calls.
  expect(rows.length).toBeGreaterThan(0)
  expect(rows.filter((id) => !withBargeIn.includes(id))).toEqual([])

  // Shift+N: the next call of the list with a problem, by the simulator's data, from a call whose
  // next call has none (so N alone would not get there).
  const ids = await listed(app, { taskId })
  const problem = (id: number) => hasProblem(task.calls.find((call) => call.callInstanceId === id)!)
  const from = ids.findIndex((_, i) => i + 2 < ids.length && !problem(ids[i + 1]!) && ids.slice(i + 2).some(problem))
  expect(from, 'a call followed by one without a problem, and later one with').toBeGreaterThanOrEqual(0)
  const expected = ids.slice(from + 1).find(problem)
  await page.evaluate((hash) => (window.location.hash = hash), `#/calls/${ids[from]}?task=${taskId}`)
  await expect(page.getByTestId('review-page')).toHaveAttribute('data-built', 'true')
  await page.keyboard.press('Shift+KeyN')
  await expect(page.getByTestId('review-page')).toHaveAttribute('data-call-id', String(expected))

  // In the list, Shift+J selects that call's row.
  await page.evaluate((hash) => (window.location.hash = hash), `#/calls?task=${taskId}`)
  await expect(resultCount(page)).toHaveAttribute('data-count', String(task.calls.length))
  await page.locator(`[data-testid="call-row"][data-call-id="${ids[from]}"]`).click()
  await expect(page.locator('[data-testid="call-row"][aria-selected="true"]')).toHaveAttribute(
    'data-index',
    String(from),
  )
  await page.keyboard.press('Shift+KeyJ')
  await expect(page.locator('[data-testid="call-row"][aria-selected="true"]')).toHaveAttribute(
    'data-call-id',
    String(expected),
  )
})
