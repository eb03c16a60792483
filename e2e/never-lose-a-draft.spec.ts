// A review is never lost: while main cannot take a save, the draft stays on screen and says it is
// not saved, leaving the call waits and asks, moving on to another call keeps it, and it is stored
// once saving works again. Undo and redo step through the draft's edits; a verdict can be cleared.
import type { Route } from '@playwright/test'
import { expect, test } from './fixtures'
import { startDemo } from './demo-journey'

interface SavedReview {
  ok: boolean
  value: { text: string; verdict: string | null } | null
}

test('a review whose saves fail is kept, retried and stored; undo, redo and clearing a verdict work', async ({
  app,
}) => {
  test.setTimeout(120_000)
  const { page } = app
  await startDemo(page)
  await page.getByTestId('nav-calls').click()
  const rows = page.locator('[data-testid="call-row"][data-call-id]')
  await expect(rows.first()).toBeVisible()
  const firstId = Number(await rows.first().getAttribute('data-call-id'))
  await page.getByTestId('call-list').focus()
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('review-page')).toHaveAttribute('data-call-id', String(firstId))
  await expect(page.getByTestId('review-page')).toHaveAttribute('data-built', 'true')

  // The host stops taking saves (a proxy answering 500): nothing else is touched.
  let failingSaves = 0
  let refuseSaves = true
  await page.route('**/api/invoke', async (route: Route) => {
    const body = route.request().postDataJSON() as { channel?: string } | null
    if (refuseSaves && body?.channel === 'reviews.save') {
      failingSaves++
      return route.fulfill({ status: 500, contentType: 'text/html', body: '<h1>500 Internal Server Error</h1>' })
    }
    return route.continue()
  })

  const note = page.getByTestId('note-text')
  await note.fill('客户两次提到价格太贵')
  await note.press('Escape')
  const unsaved = page.getByTestId('note-unsaved')
  await expect(unsaved).toContainText('未保存')
  await expect.poll(() => failingSaves).toBeGreaterThanOrEqual(2) // retried, not given up
  await expect(unsaved).toContainText('未保存')
  await expect(note).toHaveValue('客户两次提到价格太贵')

  // Leaving waits for the save and, since it cannot happen, asks; staying keeps everything.
  await page.getByTestId('review-back').click()
  const box = page.locator('.el-message-box')
  await expect(box).toContainText('还没能保存')
  await box.getByRole('button', { name: '留下' }).click()
  await expect(page.getByTestId('review-page')).toHaveAttribute('data-call-id', String(firstId))
  await expect(note).toHaveValue('客户两次提到价格太贵')

  // Moving on to the next call keeps the first call's draft; it is stored once saves work again.
  await page.getByTestId('next-call').click()
  await expect(page.getByTestId('review-page')).not.toHaveAttribute('data-call-id', String(firstId))
  refuseSaves = false
  await expect
    .poll(async () => ((await app.invokeRaw('reviews.get', { callInstanceId: firstId })) as SavedReview).value?.text, {
      timeout: 30_000,
    })
    .toBe('客户两次提到价格太贵')

  // Undo / redo over a verdict, and clearing it: each stored as any edit.
  const secondId = Number(await page.getByTestId('review-page').getAttribute('data-call-id'))
  const stored = async () =>
    ((await app.invokeRaw('reviews.get', { callInstanceId: secondId })) as SavedReview).value?.verdict ?? null
  await page.getByTestId('verdict-pass').click()
  await expect.poll(stored).toBe('pass')
  await page.getByTestId('verdict-fail').click()
  await expect.poll(stored).toBe('fail')
  await page.getByTestId('undo').click()
  await expect(page.getByTestId('verdict-pass').locator('input')).toBeChecked()
  await expect.poll(stored).toBe('pass')
  await page.getByTestId('redo').click()
  await expect.poll(stored).toBe('fail')
  await page.getByTestId('verdict-clear').click()
  await expect.poll(stored).toBeNull()
  await expect(page.getByTestId('note-saved')).toBeVisible()
})
