// Working through a list: N / P walk the whole filtered list in its order (not only the rows the
// list has loaded, and from a link too), progress counts follow each verdict, the list is where it
// was left when the reviewer comes back, and Alt+click on a line only moves the playhead.
import type { Page } from '@playwright/test'
import { startSimulator, type RunningSimulator } from '../electron/sim/simulator'
import { expect, test, type CallLensApp } from './fixtures'
import { connectAndSync, largestLiveTask } from './simulated-byrobot'

let sim: RunningSimulator | undefined
test.afterEach(async () => {
  await sim?.close()
  sim = undefined
})

/** Connects to a generated simulator and waits for the first sync; returns the live task with the most calls. */
async function syncGenerated(page: Page, calls: number, seed: number): Promise<{ taskId: number; calls: number }> {
  sim = await startSimulator({ generate: { tasks: 2, calls, seed } })
  await connectAndSync(page, sim)
  const task = largestLiveTask(sim)
  return { taskId: task.task.callJobId, calls: task.calls.length }
}

/** The list's ids in its order, as the cache serves them (one page: the lists here are short). */
async function listed(app: CallLensApp, filter: object, sort: object): Promise<number[]> {
  const answer = (await app.invokeRaw('calls.query', { filter, sort, page: { offset: 0, limit: 500 } })) as {
    value: { rows: { callInstanceId: number }[] }
  }
  return answer.value.rows.map((row) => row.callInstanceId)
}

async function openCall(page: Page, id: number, query: string): Promise<void> {
  await page.evaluate((hash) => (window.location.hash = hash), `#/calls/${id}?${query}`)
  await expect(page.getByTestId('review-page')).toHaveAttribute('data-call-id', String(id))
  await expect(page.getByTestId('review-page')).toHaveAttribute('data-built', 'true')
}

const reviewPage = (page: Page) => page.getByTestId('review-page')

test('N from the last loaded row opens the next call beyond it, in the list order, to the end of the list', async ({
  app,
}) => {
  test.setTimeout(240_000)
  const { page } = app
  const { taskId, calls } = await syncGenerated(page, 230, 41)
  expect(calls).toBeGreaterThan(200)

  // Every offset the list asks for: the list loads its rows in blocks of 200 as they are scrolled to.
  const offsets: number[] = []
  page.on('request', (request) => {
    const body = request.postData() ?? ''
    if (request.url().endsWith('/api/invoke') && body.includes('"calls.query"')) {
      offsets.push((JSON.parse(body) as { input: { page: { offset: number } } }).input.page.offset)
    }
  })

  // Shortest first: a third of the calls were not answered and share a duration of 0 (ties).
  const query = `task=${taskId}&sort=durationSec&dir=asc`
  const sort = { field: 'durationSec', direction: 'asc' }
  await page.evaluate((hash) => (window.location.hash = hash), `#/calls?${query}`)
  await expect(page.getByTestId('result-count')).toHaveAttribute('data-count', String(calls))
  const ids = await listed(app, { taskId }, sort)
  expect(ids).toHaveLength(calls)

  // A call beyond the loaded rows, opened from a link: N and P lead to its neighbours in the list.
  await openCall(page, ids[215]!, query)
  await page.keyboard.press('n')
  await expect(reviewPage(page)).toHaveAttribute('data-call-id', String(ids[216]))
  await expect(reviewPage(page)).toHaveAttribute('data-built', 'true')
  await page.keyboard.press('p')
  await page.keyboard.press('p')
  await expect(reviewPage(page)).toHaveAttribute('data-call-id', String(ids[214]))

  // The last row of the first block: N opens the first call of the next block, the cache's next.
  await openCall(page, ids[199]!, query)
  await page.keyboard.press('n')
  await expect(reviewPage(page)).toHaveAttribute('data-call-id', String(ids[200]))
  const next = (await app.invokeRaw('calls.neighbour', {
    filter: { taskId },
    sort,
    callInstanceId: ids[199],
    direction: 'next',
  })) as { value: { callInstanceId: number; position: number } }
  expect(next.value).toEqual({ callInstanceId: ids[200], position: 200 })

  // At the end of the list N says so and stays; P still goes back.
  await openCall(page, ids[calls - 1]!, query)
  await page.keyboard.press('n')
  await expect(page.locator('.el-message')).toContainText('已是列表中的最后一通')
  await expect(reviewPage(page)).toHaveAttribute('data-call-id', String(ids[calls - 1]))
  await page.keyboard.press('p')
  await expect(reviewPage(page)).toHaveAttribute('data-call-id', String(ids[calls - 2]))

  // None of this needed the list's rows beyond its first block.
  expect(offsets.length).toBeGreaterThan(0)
  expect(offsets.filter((offset) => offset >= 200)).toEqual([])

  // Back in the list (Esc), the call P led to is selected and scrolled into view, far down the list.
  await page.keyboard.press('Escape')
  const selected = page.locator('[data-testid="call-row"][aria-selected="true"]')
  await expect(selected).toHaveAttribute('data-call-id', String(ids[calls - 2]))
  await expect(selected).toHaveAttribute('data-index', String(calls - 2))
  await expect(selected).toBeInViewport()
})

test('progress counts change when a verdict is set, and the list comes back with the call selected', async ({
  app,
}) => {
  test.setTimeout(180_000)
  const { page } = app
  const { taskId, calls } = await syncGenerated(page, 12, 43)

  const taskProgress = page.locator(`[data-testid="task-progress"][data-task-id="${taskId}"]`)
  await page.getByTestId('nav-tasks').click()
  await expect(taskProgress).toHaveAttribute('data-reviewed', '0')
  await expect(taskProgress).toHaveAttribute('data-total', String(calls))

  await page.evaluate((hash) => (window.location.hash = hash), `#/calls?task=${taskId}`)
  const progress = page.getByTestId('review-progress')
  await expect(progress).toHaveAttribute('data-reviewed', '0')
  await expect(progress).toHaveAttribute('data-total', String(calls))
  const ids = await listed(app, { taskId }, {})

  // Open the fourth row from the keyboard and pass it with the verdict key.
  await page.getByTestId('call-list').focus()
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowDown')
  await page.keyboard.press('Enter')
  await expect(reviewPage(page)).toHaveAttribute('data-call-id', String(ids[3]))
  await expect(reviewPage(page)).toHaveAttribute('data-built', 'true')
  await page.keyboard.press('1')
  await expect(page.getByTestId('note-saved')).toBeVisible()

  // Esc: the list counts one more reviewed call, marks the row, and has it selected still.
  await page.keyboard.press('Escape')
  await expect(progress).toHaveAttribute('data-reviewed', '1')
  await expect(progress).toHaveAttribute('data-total', String(calls))
  const selected = page.locator('[data-testid="call-row"][aria-selected="true"]')
  await expect(selected).toHaveAttribute('data-call-id', String(ids[3]))
  await expect(selected).toHaveClass(/call-list__row--selected/)
  await expect(selected.getByTestId('call-reviewed')).toHaveAttribute('data-verdict', 'pass')

  // The list has the keyboard again: Enter opens the call once more; N moves on, a second verdict; browser back selects the call N led to.
  await page.keyboard.press('Enter')
  await expect(reviewPage(page)).toHaveAttribute('data-call-id', String(ids[3]))
  await page.keyboard.press('n')
  await expect(reviewPage(page)).toHaveAttribute('data-call-id', String(ids[4]))
  await expect(reviewPage(page)).toHaveAttribute('data-built', 'true')
  await page.keyboard.press('2')
  await expect(page.getByTestId('note-saved')).toBeVisible()
  await page.goBack()
  await expect(progress).toHaveAttribute('data-reviewed', '2')
  await expect(selected).toHaveAttribute('data-call-id', String(ids[4]))

  // The task list counts the same two.
  await page.getByTestId('nav-tasks').click()
  await expect(taskProgress).toHaveAttribute('data-reviewed', '2')
  await expect(taskProgress).toHaveAttribute('data-total', String(calls))
})

test('Alt+click on a transcript line moves the playhead to its start without playing; a click plays', async ({
  app,
}) => {
  test.setTimeout(180_000)
  const { page } = app
  const { taskId } = await syncGenerated(page, 6, 47)
  const answered = sim!.store
    .tasksOfCompany(sim!.companyId)
    .find((state) => state.task.callJobId === taskId)!
    .calls.find((call) => call.recordingExt('mix') !== null && call.transcript().phoneLogs.length >= 4)!
  await openCall(page, answered.callInstanceId, `task=${taskId}`)
  await expect(page.getByTestId('waveform')).toHaveAttribute('data-state', 'ready')
  // The play button names what it would do: play while the audio is paused, pause while it plays.
  const playButton = page.getByTestId('play-pause')
  const playerMs = async () => Number(await page.getByTestId('player-time').getAttribute('data-ms'))

  const line = page.getByTestId('transcript-line').nth(3)
  const start = Number(await line.getAttribute('data-start-ms'))
  expect(start).toBeGreaterThan(0)
  await line.click({ modifiers: ['Alt'] })
  await expect.poll(playerMs).toBe(start)
  await expect(playButton).toHaveAttribute('title', '播放 (空格)')
  expect(await playerMs()).toBe(start)

  // A plain click on another line seeks there and plays.
  const other = page.getByTestId('transcript-line').nth(1)
  const otherStart = Number(await other.getAttribute('data-start-ms'))
  await other.click()
  await expect(playButton).toHaveAttribute('title', '暂停 (空格)')
  await expect.poll(playerMs).toBeGreaterThan(otherStart)
})
