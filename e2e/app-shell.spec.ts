import { expect, test } from './fixtures'

test('a first run opens the welcome screen; settings stay reachable, the rest waits for a connection', async ({
  app,
}) => {
  const { page } = app
  await expect(page.getByTestId('welcome-page')).toBeVisible()
  await expect(page.getByTestId('try-demo')).toBeVisible()
  await expect(page.getByTestId('page-title')).toHaveText('欢迎使用 CallLens')

  await page.getByTestId('nav-calls').click()
  await expect(page.getByTestId('welcome-page')).toBeVisible()
  expect(page.url()).toContain('#/welcome')

  await page.getByTestId('nav-settings').click()
  await expect(page.getByTestId('settings-page')).toBeVisible()
  await expect(page.getByTestId('about-mode')).toHaveAttribute('data-mode', app.mode)
  await expect(page.getByTestId('about-data-dir')).toHaveText(app.dataDir)
})

test('switching the language to English changes the whole UI', async ({ app }) => {
  const { page } = app
  await expect(page.getByTestId('nav-tasks')).toContainText('任务')
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN')
  await expect(page.getByTestId('try-demo')).toHaveText('试用演示')

  await page.getByTestId('language-button').click()
  await page.getByTestId('language-option-en').click()

  await expect(page.getByTestId('nav-tasks')).toContainText('Tasks')
  await expect(page.getByTestId('nav-calls')).toContainText('Calls')
  await expect(page.getByTestId('page-title')).toHaveText('Welcome to CallLens')
  await expect(page.locator('html')).toHaveAttribute('lang', 'en')
  await expect(page.getByTestId('try-demo')).toHaveText('Try the demo')
})

test('settings survive a restart of the app', async ({ app }) => {
  let page = app.page
  await page.getByTestId('nav-settings').click()
  await page.getByTestId('settings-language-en').click()
  await page.getByTestId('settings-theme-dark').click()
  await expect(page.locator('html')).toHaveClass(/dark/)
  await expect(page.getByTestId('nav-settings')).toContainText('Settings')

  page = await app.restart()

  // Ready means the chosen language shows (English's messages load as a chunk of their own, and
  // the first screen waits for them): read at once, not waited for.
  expect(await page.getByTestId('nav-tasks').textContent()).toContain('Tasks')
  await expect(page.locator('html')).toHaveClass(/dark/)
  await expect(page.getByTestId('nav-tasks')).toContainText('Tasks')
  await page.getByTestId('nav-settings').click()
  await expect(page.getByTestId('settings-theme-dark')).toHaveClass(/is-active/)
})

test('invalid input gets a clear error from main and the app keeps working', async ({ app }) => {
  const bad = (await app.invokeRaw('settings.set', { language: 'fr' })) as {
    ok: boolean
    error: { code: string; message: string }
  }
  expect(bad.ok).toBe(false)
  expect(bad.error.code).toBe('invalid_input')
  expect(bad.error.message).toContain('settings.set')

  const unknown = (await app.invokeRaw('files.delete', { path: '/' })) as { ok: boolean; error: { code: string } }
  expect(unknown).toMatchObject({ ok: false, error: { code: 'unknown_channel' } })

  const info = (await app.invokeRaw('app.info', undefined)) as { ok: boolean; value: { mode: string } }
  expect(info).toMatchObject({ ok: true, value: { mode: app.mode } })
})
