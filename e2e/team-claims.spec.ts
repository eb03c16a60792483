// A reviewer on a team: sets up a team connection on the Connections page (tested first), claims
// the next calls from the calls page, sees exactly those, and keeps reviewing one while the team
// database is down — the header says offline, then online again without anyone doing anything.
import { startSimulator, type RunningSimulator } from '../electron/sim/simulator'
import { queryAt } from '../electron/test-support/postgres-cluster'
import { expect, test } from './fixtures'
import { startTeamServer, type TeamServer } from './team-server'

let sim: RunningSimulator | undefined
let server: TeamServer | undefined
test.afterEach(async () => {
  await server?.stop()
  await sim?.close()
  server = undefined
  sim = undefined
})

test('a reviewer sets up a team connection, claims calls, sees exactly them, and opens one while the team database is down', async ({
  app,
}) => {
  test.setTimeout(180_000)
  const startedAt = Date.now()
  sim = await startSimulator({ generate: { tasks: 2, calls: 10, seed: 41 } })
  server = await startTeamServer(sim, ['rita'])
  const password = server.passwords.rita!
  const page = app.page

  // The Connections page is open before any profile exists: add the team connection there.
  await page.getByTestId('welcome-team').click()
  await page.getByTestId('team-profile-add').click()
  await page.getByTestId('team-profile-name').fill('质检一组')
  await page.getByTestId('team-profile-db-url').fill(server.dbUrl)
  await page.getByTestId('team-profile-member').fill('rita')
  await page.getByTestId('team-profile-password').fill(password)
  await page.getByTestId('team-profile-test').click()
  await expect(page.getByTestId('team-profile-outcome')).toContainText('rita')
  await expect(page.getByTestId('team-profile-outcome')).toContainText('0')
  await page.getByTestId('team-profile-save').click()
  const row = page.locator('[data-testid="profile-row"]')
  await expect(row).toHaveCount(1)
  await expect(row.getByTestId('profile-member-cell')).toHaveText('rita')
  await expect(row.getByTestId('profile-active-badge')).toBeVisible()
  // The password went to main once and never comes back.
  expect(JSON.stringify(await app.invokeRaw('profiles.list', undefined))).not.toContain(password)
  expect(JSON.stringify(await app.invokeRaw('team.status', undefined))).not.toContain(password)

  // The calls page of a team profile: nothing held yet, the header says the team is online.
  await page.getByTestId('nav-calls').click()
  await expect(page.getByTestId('team-status')).toHaveAttribute('data-state', 'online')
  await expect(page.getByTestId('result-count')).toHaveAttribute('data-count', '0')

  // Claim the next 3 with the keyboard: type the count, Enter.
  const count = page.getByTestId('team-claim-count').locator('input')
  await count.fill('3')
  await count.press('Enter')
  await expect(page.getByTestId('result-count')).toHaveAttribute('data-count', '3')
  const rows = page.locator('[data-testid="call-row"][data-call-id]')
  await expect(rows).toHaveCount(3)
  const shown = (await rows.evaluateAll((els) => els.map((el) => Number(el.getAttribute('data-call-id'))))).sort(
    (a, b) => a - b,
  )
  // Exactly what the server says rita holds.
  const held = (
    await queryAt<{ call_id: string }>(
      server.cluster.url('team_e2e'),
      "SELECT call_id FROM team.assignment WHERE assignee = 'rita' AND state = 'open' ORDER BY call_id",
    )
  ).map((r) => Number(r.call_id))
  expect(shown).toEqual(held)
  await expect(page.getByTestId('team-last-pull')).not.toHaveText(/^$/)

  // What the catalogue holds of each claimed call's transcript, read before the database goes.
  const lines = new Map(
    (
      await queryAt<{ call_id: string; n: number }>(
        server.cluster.url('team_e2e'),
        'SELECT call_id, count(*)::int AS n FROM team.transcript_line WHERE call_id = ANY($1::bigint[]) GROUP BY call_id',
        [held],
      )
    ).map((r) => [Number(r.call_id), r.n]),
  )

  // The team database goes down: the header says so, and a claimed call still opens for review.
  server.cluster.halt('immediate')
  try {
    await expect(page.getByTestId('team-status')).toHaveAttribute('data-state', 'offline', { timeout: 20_000 })
    await expect(page.getByTestId('team-claim')).toBeDisabled()
    await page.getByTestId('call-list').focus()
    await page.keyboard.press('Enter')
    await expect(page.getByTestId('review-page')).toBeVisible()
    const opened = Number(/#\/calls\/(\d+)/.exec(page.url())![1])
    expect(held).toContain(opened)
    await expect(page.getByTestId('transcript-line')).toHaveCount(lines.get(opened) ?? 0)
  } finally {
    server.cluster.resume()
  }
  await expect(page.getByTestId('team-status')).toHaveAttribute('data-state', 'online', { timeout: 20_000 })

  // Back online, the open call is given back from its review page: the list shows the other two.
  const opened = Number(/#\/calls\/(\d+)/.exec(page.url())![1])
  await page.getByTestId('team-release-call').click()
  await expect(page.getByTestId('calls-page')).toBeVisible()
  await expect(page.getByTestId('result-count')).toHaveAttribute('data-count', '2')
  const stillHeld = await queryAt<{ call_id: string }>(
    server.cluster.url('team_e2e'),
    "SELECT call_id FROM team.assignment WHERE assignee = 'rita' AND state = 'open' ORDER BY call_id",
  )
  expect(stillHeld.map((r) => Number(r.call_id))).toEqual(held.filter((id) => id !== opened))

  // The Connections page says when this team profile last pulled from the team (it never syncs from BYRobot).
  await page.getByTestId('nav-connections').click()
  const lastPull = page.locator('[data-testid="profile-row"]').getByTestId('profile-last-pull')
  await expect(lastPull).not.toHaveAttribute('data-at', '')
  const pulledAt = Date.parse((await lastPull.getAttribute('data-at'))!)
  expect(pulledAt).toBeGreaterThanOrEqual(startedAt)
  expect(pulledAt).toBeLessThanOrEqual(Date.now())
  await expect(page.getByTestId('profile-last-sync')).toHaveCount(0)
})
