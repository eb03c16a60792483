// A review queue of 2 calls per intent level × duration bucket: the strata shown before it is
// created and the queue made have the size the demo data says (computed here from the dataset, not
// by the app's code), reviewed calls stay out, N walks the queue, and it is all there after a restart.
import { demo } from './demo-data'
import { expect, test } from './fixtures'
import { startDemo } from './demo-journey'

const TASK = 20231
const INTENT = '客户意向等级'

interface DatasetCall {
  callInstanceId: number
  callJobId: number
  companyId: number
  duration: number | null
  taskResult: { resultName: string; resultValue: string }[]
}
interface DatasetTask {
  callJobId: number
  jobName: string
}

/** Seconds → bucket, as the strata name them: under 30 s, 30–59 s, 1–2 min, 2 min and more. */
function bucket(seconds: number | null): string {
  if (seconds === null) return 'none'
  return seconds < 30 ? '<30' : seconds < 60 ? '30-59' : seconds < 120 ? '60-119' : '>=120'
}

test('a queue of 2 calls per intent level and duration has the size the data says, leaves reviewed calls out, and survives a restart', async ({
  app,
}) => {
  test.setTimeout(180_000)
  let page = app.page
  await startDemo(page)

  const companies = demo.credentials[0]!.companyIds
  const calls = (demo.calls as unknown as DatasetCall[]).filter(
    (call) => call.callJobId === TASK && companies.includes(call.companyId),
  )
  const taskName = (demo as unknown as { tasks: DatasetTask[] }).tasks.find((t) => t.callJobId === TASK)!.jobName
  // One call reviewed before the queue is drawn: it must stay out of it.
  const reviewedCall = calls[0]!.callInstanceId
  const saved = (await app.invokeRaw('reviews.save', {
    callInstanceId: reviewedCall,
    verdict: 'pass',
    score: null,
    tags: [],
    text: '',
    comments: [],
    tagChecks: [],
  })) as { ok: boolean }
  expect(saved.ok).toBe(true)
  const strata = new Map<string, number>()
  for (const call of calls) {
    if (call.callInstanceId === reviewedCall) continue
    const level = call.taskResult.find((r) => r.resultName === INTENT)?.resultValue ?? 'none'
    const key = `${level} × ${bucket(call.duration)}`
    strata.set(key, (strata.get(key) ?? 0) + 1)
  }
  const expectedSize = [...strata.values()].reduce((sum, n) => sum + Math.min(2, n), 0)
  expect(strata.size, 'the demo task has several strata').toBeGreaterThan(3)
  expect(expectedSize, 'some stratum has fewer than 2 calls, some more').toBeLessThan(2 * strata.size)

  await page.getByTestId('nav-queues').click()
  await page.getByTestId('queue-task').click()
  await page.locator('.el-select-dropdown__item:visible', { hasText: taskName }).first().click()
  await page.getByTestId(`queue-dimension-result:${INTENT}`).click()
  await page.getByTestId('queue-dimension-duration').click()
  await page.getByTestId('queue-name-input').fill('第一批抽检')

  // The strata before creating: each one's unreviewed calls and the 2 (or fewer) taken from it.
  const preview = page.getByTestId('queue-strata')
  await expect(preview).toHaveAttribute('data-strata', String(strata.size))
  await expect(preview).toHaveAttribute('data-size', String(expectedSize))
  const shown = await page
    .getByTestId('queue-stratum')
    .evaluateAll((rows) =>
      rows.map((row) => [Number(row.getAttribute('data-available')), Number(row.getAttribute('data-size'))]),
    )
  expect(shown.map(([available]) => available).sort()).toEqual([...strata.values()].sort())
  expect(shown.every(([available, size]) => size === Math.min(2, available!))).toBe(true)

  await page.getByTestId('queue-create').click()
  const row = page.getByTestId('queue-row').filter({ hasText: '第一批抽检' })
  await expect(row).toHaveAttribute('data-total', String(expectedSize))
  await expect(row).toHaveAttribute('data-reviewed', '0')
  const queueId = await row.getAttribute('data-queue-id')

  // Continue: the review page walks the queue. Review the first call, then N to the next one of the queue.
  await row.getByTestId('queue-open').click()
  const review = page.getByTestId('review-page')
  await expect(review).toHaveAttribute('data-built', 'true')
  await expect(page).toHaveURL(new RegExp(`queue=${queueId}`))
  const first = Number(await review.getAttribute('data-call-id'))
  const taskCalls = new Set(calls.map((c) => c.callInstanceId))
  expect(taskCalls.has(first)).toBe(true)
  expect(first).not.toBe(reviewedCall)
  await page.keyboard.press('1')
  await expect(page.getByTestId('note-saved')).toBeVisible()
  const visited = [first]
  for (let step = 1; step < expectedSize; step++) {
    await page.keyboard.press('n')
    await expect(review).not.toHaveAttribute('data-call-id', String(visited.at(-1)))
    await expect(review).toHaveAttribute('data-built', 'true')
    visited.push(Number(await review.getAttribute('data-call-id')))
  }
  // The whole queue, each call once, all of the task, none reviewed before.
  expect(new Set(visited).size).toBe(expectedSize)
  expect(visited.every((id) => taskCalls.has(id) && id !== reviewedCall)).toBe(true)
  await expect(page).toHaveURL(new RegExp(`queue=${queueId}`))
  await page.keyboard.press('Escape')
  await expect(page.getByTestId('queues-page')).toBeVisible()
  await expect(row).toHaveAttribute('data-reviewed', '1')

  page = await app.restart()
  await page.getByTestId('nav-queues').click()
  const after = page.getByTestId('queue-row').filter({ hasText: '第一批抽检' })
  await expect(after).toHaveAttribute('data-total', String(expectedSize))
  await expect(after).toHaveAttribute('data-reviewed', '1')
  await expect(after).toHaveAttribute('data-queue-id', queueId!)
})
