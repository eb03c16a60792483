// Checking the robot's tags on real results: confirm all in one go, correct one to a typed value
// (a free-valued tag), reset one to unchecked, and add a tag the robot missed — all stored.
import { expect, test } from './fixtures'
import { startDemo } from './demo-journey'

interface StoredChecks {
  value: { tagChecks: { name: string; robotValue: string; status: string; correctedValue: string | null }[] } | null
}

test('a reviewer confirms all tags, corrects one by typing, resets one and adds one the robot missed', async ({
  app,
}) => {
  test.setTimeout(120_000)
  const { page } = app
  await startDemo(page)
  await page.getByTestId('nav-calls').click()
  await page.getByTestId('call-list').focus()
  await page.keyboard.press('Enter')
  const reviewPage = page.getByTestId('review-page')
  await expect(reviewPage).toHaveAttribute('data-built', 'true')
  const callId = Number(await reviewPage.getAttribute('data-call-id'))
  const rows = page.getByTestId('result-check')
  const count = await rows.count()
  expect(count).toBeGreaterThan(1)

  await page.getByTestId('result-confirm-all').click()
  await expect(page.locator('[data-testid="result-check"][data-status="confirmed"]')).toHaveCount(count)

  // The first result corrected to a value typed by the reviewer, the second back to unchecked.
  const first = rows.nth(0)
  const firstName = (await first.getAttribute('data-name'))!
  await first.getByTestId('result-correct').click()
  await page.keyboard.type('复核后手填的值')
  await page.keyboard.press('Enter')
  await expect(first).toHaveAttribute('data-status', 'corrected')
  await rows.nth(1).getByTestId('result-reset').click()
  await expect(rows.nth(1)).toHaveAttribute('data-status', 'unchecked')

  // A result the robot should have given: a name and a value typed, each picked from its list.
  const typeAndPick = async (testId: string, text: string) => {
    await page.getByTestId(testId).click()
    await page.keyboard.type(text)
    await page.locator('.el-select-dropdown__item:visible', { hasText: text }).first().click()
    await expect(page.getByTestId(testId)).toContainText(text)
  }
  await typeAndPick('missed-name', '是否投诉')
  await typeAndPick('missed-value', '是')
  await page.getByTestId('missed-add').click()
  await expect(page.getByTestId('missed-tag')).toHaveAttribute('data-value', '是')

  const stored = async () =>
    ((await app.invokeRaw('reviews.get', { callInstanceId: callId })) as StoredChecks).value?.tagChecks ?? []
  await expect
    .poll(async () => (await stored()).map((c) => `${c.name}|${c.status}|${c.correctedValue ?? ''}`).sort())
    .toEqual(expect.arrayContaining([`${firstName}|corrected|复核后手填的值`, '是否投诉|missed|是']))
  const checks = await stored()
  expect(checks.filter((c) => c.status === 'confirmed')).toHaveLength(count - 2)
  expect(checks).toHaveLength(count)
})
