// "Fetch this call now": a call that finished after the last sync is opened from a link; its page
// says it is not cached and, on one click, fetches just that call — transcript and playable audio.
import { expect, test } from './fixtures'
import { startDemo } from './demo-journey'

const DEMO_TASK = 20231

test('a call not cached yet is fetched on its own from its review page, transcript and recording', async ({ app }) => {
  test.setTimeout(120_000)
  const { page } = app
  await startDemo(page)

  const lastSyncAt = await page.getByTestId('last-sync').getAttribute('data-at')
  expect(lastSyncAt).toBeTruthy()

  // A customer is called after the sync: the simulator behind the demo finishes one more call.
  const profiles = (await app.invokeRaw('profiles.list', undefined)) as { value: { profiles: { baseUrl: string }[] } }
  const origin = new URL(profiles.value.profiles[0]!.baseUrl).origin
  const finished = (await (
    await fetch(`${origin}/__admin/finish-calls`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ taskId: DEMO_TASK, count: 1 }),
    })
  ).json()) as { finished: number[] }
  const callId = finished.finished[0]!

  await page.evaluate((id) => (window.location.hash = `#/calls/${id}`), callId)
  const notice = page.getByTestId('fetch-call-notice')
  await expect(notice).toHaveAttribute('data-reason', 'not-cached')
  await expect(page.getByTestId('transcript-line')).toHaveCount(0)

  await page.getByTestId('fetch-call').click()
  await expect(notice).toHaveCount(0, { timeout: 30_000 })
  await expect(page.getByTestId('review-page')).toHaveAttribute('data-call-id', String(callId))
  const lines = page.getByTestId('transcript-line')
  await expect.poll(() => lines.count()).toBeGreaterThan(1)
  await expect(page.getByTestId('waveform')).toHaveAttribute('data-state', 'ready')

  // It is in the cache now: the calls of its task count it.
  const query = (await app.invokeRaw('calls.query', {
    filter: { taskId: DEMO_TASK },
    sort: {},
    page: { offset: 0, limit: 200 },
  })) as { value: { rows: { callInstanceId: number }[] } }
  expect(query.value.rows.map((row) => row.callInstanceId)).toContain(callId)
  // Fetching one call is not a sync of the account: the header's last sync is the demo's still.
  await expect(page.getByTestId('last-sync')).toHaveAttribute('data-at', lastSyncAt!)
})
