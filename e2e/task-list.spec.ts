// The task list after the demo's sync: every task with its cached counts, filtered by start date
// through the date picker and the status select that are built on first use, and back to all of
// them once cleared.
import { expect, test } from './fixtures'
import { startDemo } from './demo-journey'

test('the task list filters by start date and by status, and shows every task again once cleared', async ({ app }) => {
  test.setTimeout(120_000)
  const { page } = app
  await startDemo(page)
  await page.getByTestId('nav-tasks').click()
  const names = page.getByTestId('task-name')
  await expect(names).toHaveCount(3)
  await expect(page.getByTestId('task-cached').first()).toContainText('/')

  // The stand-in builds the real picker and opens its panel on the first click; a typed day filters.
  const dateFilter = page.getByTestId('task-filter-date').locator('input')
  await dateFilter.click()
  await expect(page.locator('.el-picker-panel').first()).toBeVisible()
  await page.keyboard.type('2025-03-10')
  await page.keyboard.press('Enter')
  await expect(names).toHaveCount(1)
  await expect(names).toHaveText('消费贷逾期提醒（M1）')

  // Clearing the day lists every task again (the cleared value must still be a valid filter).
  // The pointer is still where the stand-in was clicked: the clear button shows when it comes back.
  await page.getByTestId('page-title').hover()
  await dateFilter.hover()
  await page.getByTestId('task-filter-date').locator('.clear-icon').click()
  await expect(names).toHaveCount(3)
  await expect(page.getByTestId('start-error')).toHaveCount(0)

  // The status select: built and opened by the first click; choosing a status filters by it.
  const statuses = (await page.locator('[data-testid="task-table"] .task-table__status').allTextContents()).map((s) =>
    s.trim(),
  )
  const chosen = statuses[0]!
  const withChosen = statuses.filter((s) => s === chosen).length
  expect(withChosen).toBeLessThan(statuses.length)
  const statusFilter = page.getByTestId('task-filter-status')
  await statusFilter.locator('input').click()
  await page.getByRole('option', { name: chosen, exact: true }).click()
  await expect(names).toHaveCount(withChosen)
  await expect(statusFilter).toContainText(chosen)
  await statusFilter.locator('.el-select__wrapper').hover()
  await statusFilter.locator('.el-select__clear').click()
  await expect(names).toHaveCount(3)

  // A double-click on a row opens that task's calls.
  await page.locator('[data-testid="task-table"] tbody tr').nth(1).locator('td').nth(2).dblclick()
  await expect(page).toHaveURL(/#\/calls\?task=\d+/)
  expect(app.problems).toEqual([])
})
