// The insights page on the demo after tag checks made here (the intent level confirmed on some calls,
// corrected on one): its matrix counts are the checks made, for the task picked; a matrix cell, a
// drop-off bar and an AI-latency bucket open the calls list filtered to exactly their calls. Expected
// numbers come from the demo dataset and the checks this test made, not from the app's code.
import type { Page } from '@playwright/test'
import { demo } from './demo-data'
import { expect, test, type CallLensApp } from './fixtures'
import { startDemo } from './demo-journey'

const TASK = 20231
const OTHER_TASK = 20233
const INTENT = '客户意向等级'
const CORRECTED_TO = 'C级(无法判断)'

interface DatasetCall {
  callInstanceId: number
  callJobId: number
  companyId: number
  hangUp: number | null
  phoneLogs: { speaker: string; content: string; startTime: number; endTime: number }[]
  taskResult: { resultName: string; resultValue: string }[]
}

const companies = demo.credentials[0]!.companyIds
const readable = (demo.calls as unknown as DatasetCall[]).filter((call) => companies.includes(call.companyId))
const intentOf = (call: DatasetCall) => call.taskResult.find((r) => r.resultName === INTENT)?.resultValue
const byId = (a: number, b: number) => a - b
const sorted = (cells: unknown[][]) => cells.map((cell) => JSON.stringify(cell)).sort()
const taskName = (id: number) =>
  (demo as unknown as { tasks: { callJobId: number; jobName: string }[] }).tasks.find((t) => t.callJobId === id)!
    .jobName

async function checkIntent(app: CallLensApp, call: DatasetCall, correctedValue: string | null): Promise<void> {
  const saved = (await app.invokeRaw('reviews.save', {
    callInstanceId: call.callInstanceId,
    verdict: 'pass',
    tagChecks: [
      {
        name: INTENT,
        robotValue: intentOf(call),
        status: correctedValue === null ? 'confirmed' : 'corrected',
        correctedValue,
      },
    ],
  })) as { ok: boolean }
  expect(saved.ok).toBe(true)
}

async function pickTask(page: Page, name: string): Promise<void> {
  await page.getByTestId('insights-task').click()
  await page.locator('.el-select-dropdown__item:visible', { hasText: name }).first().click()
}

/** The calls list the click led to: its count, and the ids of its rows. */
async function listedCalls(page: Page, count: number): Promise<number[]> {
  await expect(page.getByTestId('result-count')).toHaveAttribute('data-count', String(count))
  const rows = page.locator('[data-testid="call-row"][data-call-id]')
  await expect(rows).toHaveCount(count)
  return (await rows.evaluateAll((els) => els.map((el) => Number(el.getAttribute('data-call-id'))))).sort(byId)
}

test('a matrix cell of the insights page counts the checks made and opens exactly its calls', async ({ app }) => {
  test.setTimeout(180_000)
  const { page } = app
  await startDemo(page)

  // Every A of the task confirmed, the Fs confirmed but the last one corrected to C; one A of another task.
  const ofTask = readable.filter((call) => call.callJobId === TASK)
  const confirmedA = ofTask.filter((call) => intentOf(call) === 'A级(较强)')
  const fs = ofTask.filter((call) => intentOf(call) === 'F级(无需再次跟进)')
  expect(confirmedA.length).toBeGreaterThan(1)
  expect(fs.length).toBeGreaterThan(1)
  const corrected = fs.at(-1)!
  for (const call of [...confirmedA, ...fs.slice(0, -1)]) await checkIntent(app, call, null)
  await checkIntent(app, corrected, CORRECTED_TO)
  const elsewhere = readable.find((call) => call.callJobId === OTHER_TASK && intentOf(call) === 'A级(较强)')!
  await checkIntent(app, elsewhere, null)

  const expected = [
    ['A级(较强)', 'A级(较强)', confirmedA.length],
    ['F级(无需再次跟进)', 'F级(无需再次跟进)', fs.length - 1],
    ['F级(无需再次跟进)', CORRECTED_TO, 1],
  ]
  const cells = page.locator(`[data-testid="matrix-cell"][data-name="${INTENT}"]`)
  const shown = () =>
    cells.evaluateAll((els) =>
      els.map((el) => [el.getAttribute('data-robot'), el.getAttribute('data-reviewer'), Number(el.dataset.count)]),
    )

  // Every task: the other task's check is in the A→A cell too.
  await page.getByTestId('nav-insights').click()
  const insights = page.getByTestId('insights-page')
  await expect(insights).toHaveAttribute('data-state', 'ready')
  await expect(cells).toHaveCount(3)
  expect(sorted(await shown())).toEqual(
    sorted([[...expected[0]!.slice(0, 2), confirmedA.length + 1], ...expected.slice(1)]),
  )

  // The task picked: exactly the checks made on its calls, in the URL too.
  await pickTask(page, taskName(TASK))
  await expect(page).toHaveURL(new RegExp(`#/insights\\?task=${TASK}$`))
  await expect(insights).toHaveAttribute('data-task', String(TASK))
  await expect(insights).toHaveAttribute('data-state', 'ready')
  await expect.poll(async () => sorted(await shown())).toEqual(sorted(expected))
  const accuracy = page.locator(`[data-testid="tag-accuracy"][data-name="${INTENT}"]`)
  await expect(accuracy.getByTestId('tag-checked')).toHaveAttribute('data-count', String(confirmedA.length + fs.length))
  await expect(accuracy.getByTestId('tag-confirmed')).toHaveAttribute(
    'data-count',
    String(confirmedA.length + fs.length - 1),
  )
  await expect(accuracy.getByTestId('few-checks')).toBeVisible()

  // The corrected cell: the calls list, filtered in its URL to that task, tag, state and both values.
  await page.locator(`[data-testid="matrix-cell"][data-reviewer="${CORRECTED_TO}"]`).click()
  await expect(page).toHaveURL(/#\/calls\?/)
  const query = decodeURIComponent(new URL(page.url()).hash)
  expect(query).toContain(`task=${TASK}`)
  for (const part of [INTENT, 'corrected', 'F级(无需再次跟进)', CORRECTED_TO]) expect(query).toContain(part)
  expect(await listedCalls(page, 1)).toEqual([corrected.callInstanceId])

  // Back, and the diagonal A cell: exactly the task's confirmed A calls (not the other task's).
  await page.goBack()
  await expect(insights).toHaveAttribute('data-state', 'ready')
  await page.locator(`[data-testid="matrix-cell"][data-robot="A级(较强)"][data-reviewer="A级(较强)"]`).click()
  await expect(page).toHaveURL(/#\/calls\?/)
  expect(decodeURIComponent(new URL(page.url()).hash)).toContain('confirmed')
  expect(await listedCalls(page, confirmedA.length)).toEqual(confirmedA.map((call) => call.callInstanceId).sort(byId))
})

/** A call's slowest AI answer from the dataset: timed lines (not 0/0) by start, customer then AI. */
function slowestAnswer(call: DatasetCall): number | null {
  const timed = call.phoneLogs
    .filter((line) => !(line.startTime === 0 && line.endTime === 0))
    .sort((a, b) => a.startTime - b.startTime)
  const latencies = timed.flatMap((line, i) => {
    const next = timed[i + 1]
    return line.speaker === 'ME' && next?.speaker === 'AI' ? [next.startTime - line.endTime] : []
  })
  return latencies.length ? Math.max(...latencies) : null
}

test('a drop-off bar and an AI-latency bucket show the counts the data says and open exactly their calls', async ({
  app,
}) => {
  test.setTimeout(180_000)
  const { page } = app
  await startDemo(page)
  const ofTask = readable.filter((call) => call.callJobId === TASK)
  // Drop-off from the dataset: the customer's hang-ups by the last AI line before them.
  const byLine = new Map<string, number[]>()
  for (const call of ofTask.filter((c) => c.hangUp === 1)) {
    const last = call.phoneLogs.filter((line) => line.speaker === 'AI').at(-1)
    if (last) byLine.set(last.content, [...(byLine.get(last.content) ?? []), call.callInstanceId])
  }
  expect(byLine.size).toBeGreaterThan(0)

  await page.goto(`${new URL(page.url()).origin}/#/insights?task=${TASK}`)
  const insights = page.getByTestId('insights-page')
  await expect(insights).toHaveAttribute('data-state', 'ready')
  const bars = page.getByTestId('dropoff-bar')
  const shownBars = await bars.evaluateAll((els) =>
    els.map((el) => [el.getAttribute('data-content'), Number(el.getAttribute('data-count'))]),
  )
  expect(new Map(shownBars as [string, number][])).toEqual(
    new Map([...byLine].map(([line, ids]) => [line, ids.length])),
  )

  // Each bucket holds the calls whose slowest answer lies in its bounds; the fullest one opens exactly them.
  const buckets = await page.getByTestId('latency-bucket').evaluateAll((els) =>
    els.map((el) => ({
      min: el.getAttribute('data-min') ?? '',
      max: el.getAttribute('data-max') ?? '',
      count: Number(el.getAttribute('data-count')),
    })),
  )
  const inBucket = ({ min, max }: { min: string; max: string }) =>
    ofTask
      .filter((call) => {
        const ms = slowestAnswer(call)
        return ms !== null && (min === '' || ms >= Number(min)) && (max === '' || ms <= Number(max))
      })
      .map((call) => call.callInstanceId)
  expect(buckets.map((bucket) => bucket.count)).toEqual(buckets.map((bucket) => inBucket(bucket).length))
  const fullest = buckets.reduce((a, b) => (b.count > a.count ? b : a))
  expect(fullest.count).toBeGreaterThan(1)

  const [line, ids] = [...byLine].sort((a, b) => b[1].length - a[1].length)[0]!
  await bars.nth(shownBars.findIndex(([content]) => content === line)).click()
  await expect(page).toHaveURL(/#\/calls\?/)
  expect(await listedCalls(page, ids.length)).toEqual([...ids].sort(byId))

  await page.goBack()
  await expect(insights).toHaveAttribute('data-state', 'ready')
  await page.getByTestId('latency-bucket').nth(buckets.indexOf(fullest)).click()
  await expect(page).toHaveURL(/#\/calls\?/)
  expect(await listedCalls(page, fullest.count)).toEqual(inBucket(fullest).sort(byId))
})
