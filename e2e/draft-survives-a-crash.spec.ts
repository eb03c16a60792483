// A draft outlives the page: while main refuses every save, the reviewer writes a note on one call,
// moves on, writes a note and sets a verdict on the next, and the page dies (its renderer crashes).
// Opened again, the call shows exactly that note and verdict, marked not saved; once saves are taken
// again both calls' drafts are stored (the first without being reopened), and a reload says so.
import type { Route } from '@playwright/test'
import { expect, test } from './fixtures'
import { startDemo } from './demo-journey'

interface Reply<T> {
  ok: boolean
  value: T
}
type StoredReview = Reply<{ text: string; verdict: string | null } | null>
type OpenedCall = Reply<{ pendingDraft: { draft: { text: string; verdict: string | null } } | null }>

test('a draft whose saves are refused survives a crash of the page and is stored once saves work', async ({ app }) => {
  test.setTimeout(120_000)
  let page = app.page
  const reviewPage = () => page.getByTestId('review-page')
  const note = () => page.getByTestId('note-text')
  const failVerdict = () => page.getByTestId('verdict-fail').locator('input')
  await startDemo(page)
  await page.getByTestId('nav-calls').click()
  const rows = page.locator('[data-testid="call-row"][data-call-id]')
  await expect(rows.first()).toBeVisible()
  const leftId = Number(await rows.first().getAttribute('data-call-id'))
  await page.getByTestId('call-list').focus()
  await page.keyboard.press('Enter')
  await expect(reviewPage()).toHaveAttribute('data-call-id', String(leftId))
  await expect(reviewPage()).toHaveAttribute('data-built', 'true')

  // The host refuses every save until told (a proxy answering 500, for every tab); the journal is
  // not touched.
  let refusedSaves = 0
  let refuseSaves = true
  await page.context().route('**/api/invoke', async (route: Route) => {
    const body = route.request().postDataJSON() as { channel?: string } | null
    if (refuseSaves && body?.channel === 'reviews.save') {
      refusedSaves++
      return route.fulfill({ status: 500, contentType: 'text/html', body: '<h1>500 Internal Server Error</h1>' })
    }
    return route.continue()
  })

  // A note on the first call, left behind unsaved for the next one.
  const leftText = '开场白太长'
  await note().fill(leftText)
  await note().press('Escape')
  await expect(page.getByTestId('note-unsaved')).toContainText('未保存')
  await page.getByTestId('next-call').click()
  await expect(reviewPage()).not.toHaveAttribute('data-call-id', String(leftId))
  await expect(reviewPage()).toHaveAttribute('data-built', 'true')
  const callId = Number(await reviewPage().getAttribute('data-call-id'))

  const noteText = '客户说下周再联系，语气不耐烦'
  await note().fill(noteText)
  await note().press('Escape')
  await page.getByTestId('verdict-fail').click()
  await expect(page.getByTestId('note-unsaved')).toContainText('未保存')
  await expect.poll(() => refusedSaves).toBeGreaterThanOrEqual(1)
  // Main has the last edits in its journal (their saves were refused): only now may the page die.
  const pending = async (id: number) =>
    ((await app.invokeRaw('calls.open', { callInstanceId: id })) as OpenedCall).value.pendingDraft?.draft ?? null
  await expect.poll(() => pending(callId)).toEqual(expect.objectContaining({ text: noteText, verdict: 'fail' }))
  expect(await pending(leftId)).toEqual(expect.objectContaining({ text: leftText }))
  const storedReview = async (id = callId) =>
    ((await app.invokeRaw('reviews.get', { callInstanceId: id })) as StoredReview).value
  expect(await storedReview()).toBeNull()
  expect(await storedReview(leftId)).toBeNull()

  page = await app.crashRenderer()
  await expect(reviewPage()).toHaveAttribute('data-call-id', String(callId))
  await expect(reviewPage()).toHaveAttribute('data-built', 'true')
  // Exactly what the reviewer had, marked not saved, and being saved again (still refused).
  await expect(note()).toHaveValue(noteText)
  await expect(failVerdict()).toBeChecked()
  await expect(page.getByTestId('note-unsaved')).toContainText('未保存')
  const refusedBeforeCrash = refusedSaves
  await expect.poll(() => refusedSaves).toBeGreaterThan(refusedBeforeCrash)
  await expect(page.getByTestId('note-unsaved')).toContainText('未保存')
  expect(await storedReview()).toBeNull()

  refuseSaves = false
  await expect(page.getByTestId('note-saved')).toBeVisible({ timeout: 30_000 })
  expect(await storedReview()).toMatchObject({ text: noteText, verdict: 'fail' })
  // The call left behind is stored too, though it was not opened again.
  await expect.poll(async () => (await storedReview(leftId))?.text, { timeout: 30_000 }).toBe(leftText)

  // Loaded once more, the call shows the stored review as saved: the journal let go of the draft.
  await page.reload()
  await expect(reviewPage()).toHaveAttribute('data-built', 'true')
  await expect(note()).toHaveValue(noteText)
  await expect(failVerdict()).toBeChecked()
  await expect(page.getByTestId('note-saved')).toBeVisible()
  expect(await pending(callId)).toBeNull()
  expect(await pending(leftId)).toBeNull()
})
