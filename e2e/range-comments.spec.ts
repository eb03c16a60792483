// Comments over a passage of the call: marked with C at its start and C at its end (Esc cancels)
// or by dragging across the waveform, given a category and text, played back by a click, edited,
// deleted and restored with undo — each checked where the reviewer would: on the real <audio>
// element and in what the host stored.
import type { Page } from '@playwright/test'
import { expect, test } from './fixtures'
import { startDemo } from './demo-journey'
import { keepPlayingMedia, mediaCalls, mediaState } from './media'

interface StoredComment {
  atMs: number
  endMs: number | null
  text: string
  category: string | null
}
interface StoredReview {
  ok: boolean
  value: { comments: StoredComment[] } | null
}

/** How late playing a passage may stop after its end (the bound R is held to). */
const STOP_LATE_MS = 50

function playerMs(page: Page): Promise<number> {
  return page.evaluate(() => (window.playingMedia ? window.playingMedia.currentTime * 1000 : 0))
}

async function openFirstCall(page: Page): Promise<number> {
  await startDemo(page)
  await page.getByTestId('nav-calls').click()
  const first = page.locator('[data-testid="call-row"][data-call-id]').first()
  await expect(first).toBeVisible()
  const callId = Number(await first.getAttribute('data-call-id'))
  await page.evaluate((hash) => (window.location.hash = hash), `#/calls/${callId}`)
  await expect(page.getByTestId('review-page')).toHaveAttribute('data-call-id', String(callId))
  await expect(page.getByTestId('review-page')).toHaveAttribute('data-built', 'true')
  await expect(page.getByTestId('waveform')).toHaveAttribute('data-state', 'ready')
  await keepPlayingMedia(page)
  return callId
}

test('a passage commented from the keyboard has its start before its end, plays exactly that passage, and a deleted comment comes back with undo', async ({
  app,
}) => {
  test.setTimeout(120_000)
  const { page } = app
  const callId = await openFirstCall(page)
  const stored = async () =>
    ((await app.invokeRaw('reviews.get', { callInstanceId: callId })) as StoredReview).value?.comments ?? []

  // Esc cancels a passage being marked, and stays on the call.
  await page.keyboard.press('c')
  await expect(page.getByTestId('range-marking')).toBeVisible()
  await page.keyboard.press('Escape')
  await expect(page.getByTestId('range-marking')).toHaveCount(0)
  await expect(page.getByTestId('review-page')).toHaveAttribute('data-call-id', String(callId))

  // C while it plays, C again 1.5 s of audio later.
  await page.keyboard.press('Space')
  await expect.poll(() => playerMs(page)).toBeGreaterThan(500)
  await page.keyboard.press('c')
  const markedFrom = Number(await page.getByTestId('range-marking').getAttribute('data-start-ms'))
  await expect.poll(() => playerMs(page), { timeout: 15_000 }).toBeGreaterThan(markedFrom + 1500)
  await page.keyboard.press('c')
  await expect(page.getByTestId('range-marking')).toHaveCount(0)
  await expect(page.getByTestId('comment-form')).toBeVisible()
  await page.getByTestId('comment-category').click()
  await page.locator('.el-select-dropdown__item', { hasText: '抢话/打断' }).click()
  await page.getByTestId('comment-input').fill('机器人在客户说话时插话')
  await page.getByTestId('comment-input').press('Enter')

  const comment = page.getByTestId('comment')
  await expect(comment).toHaveCount(1)
  const startMs = Number(await comment.getAttribute('data-start-ms'))
  const endMs = Number(await comment.getAttribute('data-end-ms'))
  expect(startMs).toBe(markedFrom)
  expect(endMs - startMs, 'the passage spans the 1.5 s played between the presses').toBeGreaterThanOrEqual(1500)
  await expect(comment).toHaveAttribute('data-category', '抢话/打断')
  await expect
    .poll(stored)
    .toEqual([expect.objectContaining({ atMs: startMs, endMs, text: '机器人在客户说话时插话', category: '抢话/打断' })])
  // Drawn beside the lines it covers.
  await expect(page.getByTestId('line-comment')).toContainText('抢话/打断')

  // A click plays exactly the passage: from its start, paused at its end.
  if (!(await mediaState(page))!.paused) await page.keyboard.press('Space')
  await expect.poll(async () => (await mediaState(page))!.paused).toBe(true)
  const seen = (await mediaCalls(page)).length
  await page.getByTestId('comment-play').click()
  await expect
    .poll(async () => (await mediaCalls(page)).slice(seen).some((c) => c.call === 'pause'), { timeout: 15_000 })
    .toBe(true)
  const calls = (await mediaCalls(page)).slice(seen)
  const played = calls.find((c) => c.call === 'play')!
  const paused = calls.find((c) => c.call === 'pause')!
  expect(played.atMs, 'plays from the passage start').toBeCloseTo(startMs, -1)
  expect(paused.atMs, 'stops no earlier than the passage end').toBeGreaterThanOrEqual(endMs - 5)
  expect(paused.atMs, `stops within ${STOP_LATE_MS} ms of the passage end`).toBeLessThanOrEqual(endMs + STOP_LATE_MS)

  // Edited in the side panel.
  await page.getByTestId('comment-edit').click()
  await page.getByTestId('comment-edit-input').fill('插话两次')
  await page.getByTestId('comment-edit-input').press('Enter')
  await expect(comment).toContainText('插话两次')
  await expect.poll(async () => (await stored())[0]?.text).toBe('插话两次')

  // Deleted, then restored by undo (the offered link; Ctrl+Z does the same).
  await page.getByTestId('comment-delete').click()
  await expect(comment).toHaveCount(0)
  await expect.poll(stored).toEqual([])
  await page.getByTestId('comment-undo').click()
  await expect(comment).toHaveCount(1)
  await expect(comment).toHaveAttribute('data-start-ms', String(startMs))
  await expect(comment).toHaveAttribute('data-end-ms', String(endMs))
  await expect.poll(stored).toEqual([expect.objectContaining({ atMs: startMs, endMs, text: '插话两次' })])
  await page.getByTestId('comment-delete').click()
  await expect(comment).toHaveCount(0)
  await page.locator('body').click({ position: { x: 5, y: 5 } })
  await page.keyboard.press('Control+z')
  await expect(comment).toHaveCount(1)
  await expect.poll(async () => (await stored()).length).toBe(1)
})

test('a drag across the waveform marks a passage, and the categories offered are the ones the reviewer set for this connection', async ({
  app,
}) => {
  test.setTimeout(120_000)
  const { page } = app
  const callId = await openFirstCall(page)

  await page.getByText('编辑批注类别').click()
  await page.getByTestId('comment-categories-input').fill('答非所问\n语气生硬\n')
  await page.getByTestId('comment-categories-save').click()
  await expect(page.getByTestId('comment-categories-input')).toHaveCount(0)

  const wave = page.getByTestId('waveform')
  const box = (await wave.boundingBox())!
  const y = box.y + 30
  await page.mouse.move(box.x + box.width * 0.2, y)
  await page.mouse.down()
  await page.mouse.move(box.x + box.width * 0.3, y, { steps: 5 })
  await page.mouse.move(box.x + box.width * 0.4, y, { steps: 5 })
  await page.mouse.up()
  await expect(page.getByTestId('comment-form')).toBeVisible()
  await page.getByTestId('comment-category').click()
  const offered = page.locator('.el-select-dropdown__item:visible')
  await expect(offered).toHaveText(['答非所问', '语气生硬'])
  await offered.filter({ hasText: '语气生硬' }).click()
  await page.getByTestId('comment-save').click()

  const comment = page.getByTestId('comment')
  await expect(comment).toHaveCount(1)
  const startMs = Number(await comment.getAttribute('data-start-ms'))
  const endMs = Number(await comment.getAttribute('data-end-ms'))
  expect(startMs).toBeGreaterThan(0)
  expect(endMs).toBeGreaterThan(startMs)
  await expect(comment).toHaveAttribute('data-category', '语气生硬')

  // The categories belong to this connection and outlive a restart.
  const restarted = await app.restart()
  await restarted.evaluate((hash) => (window.location.hash = hash), `#/calls/${callId}`)
  await expect(restarted.getByTestId('review-page')).toHaveAttribute('data-built', 'true')
  await expect(restarted.getByTestId('comment')).toHaveAttribute('data-category', '语气生硬')
  expect(await app.invokeRaw('reviews.categories', undefined)).toEqual({ ok: true, value: ['答非所问', '语气生硬'] })
})
