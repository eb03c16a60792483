// The desktop release as a reviewer meets it: the tab's icon, the update address in Settings, and
// About's update line. Run from a checkout (here and in CI's e2e) CallLens is not an installed
// build, so About says updates are for the installed app; the update path itself is unit-tested
// (electron/main/updates.test.ts) and runs for real only in an installed build.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test } from './fixtures'
import { REPO_ROOT } from './paths'

test('the page has an icon, and browser mode serves it as /favicon.ico', async ({ app }) => {
  const { page } = app
  const href = await page.locator('link[rel="icon"]').evaluate((link) => (link as HTMLLinkElement).href)
  expect(href).toMatch(/favicon\.ico$/)
  const built = readFileSync(join(REPO_ROOT, 'out', 'renderer', 'favicon.ico'))
  expect(built.equals(readFileSync(join(REPO_ROOT, 'renderer', 'public', 'favicon.ico')))).toBe(true)
  if (app.host) {
    const response = await page.request.get(`${app.host.origin}/favicon.ico`)
    expect(response.status()).toBe(200)
    expect(response.headers()['content-type']).toBe('image/x-icon')
    expect((await response.body()).equals(built)).toBe(true)
  }
})

test('About tells a checkout run that only the installed app updates itself', async ({ app }) => {
  const { page } = app
  await page.getByTestId('nav-settings').click()
  const status = page.getByTestId('about-update-status')
  await expect(status).toHaveAttribute('data-state', 'unsupported')
  await expect(status).toHaveText('仅安装版桌面应用可自动更新')
  await expect(page.getByTestId('about-check-updates')).toBeDisabled()
  const answer = (await app.invokeRaw('updates.check', undefined)) as { ok: boolean; value: unknown }
  expect(answer).toEqual({ ok: true, value: { state: 'unsupported' } })
})

test('the update address is off by default, refuses a non-http address, and keeps a good one', async ({ app }) => {
  let page = app.page
  await page.getByTestId('nav-settings').click()
  const field = page.getByTestId('settings-update-feed')
  await expect(field).toHaveValue('')

  await field.fill('file:///etc/passwd')
  await field.press('Enter')
  await expect(page.getByText('请输入以 http:// 或 https:// 开头的地址，或留空')).toBeVisible()
  const stored = (await app.invokeRaw('settings.get', undefined)) as { value: { updateFeedUrl: string } }
  expect(stored.value.updateFeedUrl).toBe('')

  await field.fill('https://updates.example.com/calllens/')
  await field.press('Enter')
  await expect(page.getByText('请输入以 http:// 或 https:// 开头的地址，或留空')).toHaveCount(0)
  await expect
    .poll(async () => ((await app.invokeRaw('settings.get', undefined)) as { value: { updateFeedUrl: string } }).value)
    .toMatchObject({ updateFeedUrl: 'https://updates.example.com/calllens/' })

  page = await app.restart()
  await page.getByTestId('nav-settings').click()
  await expect(page.getByTestId('settings-update-feed')).toHaveValue('https://updates.example.com/calllens/')
})
