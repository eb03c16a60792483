// The header's word on sync: after the demo's sync it says when the connection last synced, and
// it still says so after a restart, with the automatic-sync interval the reviewer chose.
import { expect, test } from './fixtures'
import { startDemo } from './demo-journey'

test('the header says when the connection last synced, also after a restart, and the sync interval is kept', async ({
  app,
}) => {
  test.setTimeout(120_000)
  let page = app.page
  const before = Date.now()
  await startDemo(page)

  const lastSync = page.getByTestId('last-sync')
  await expect(lastSync).toHaveAttribute('data-state', 'done')
  const at = Date.parse((await lastSync.getAttribute('data-at')) ?? '')
  expect(at).toBeGreaterThanOrEqual(before - 1000)
  expect(at).toBeLessThanOrEqual(Date.now())

  await page.getByTestId('nav-settings').click()
  await page.getByTestId('settings-sync-every-15').click()
  await expect(page.getByTestId('settings-sync-every-15').locator('input')).toBeChecked()
  await expect(lastSync).toHaveAttribute('title', /15/)

  page = await app.restart()
  await expect(page.getByTestId('last-sync')).toHaveAttribute('data-state', 'done')
  expect(Date.parse((await page.getByTestId('last-sync').getAttribute('data-at')) ?? '')).toBe(at)
  await page.getByTestId('nav-settings').click()
  await expect(page.getByTestId('settings-sync-every-15').locator('input')).toBeChecked()
})
