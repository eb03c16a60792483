// A lead's page: reviewers claim and review on the team server (through its functions, as their
// desktops do), the lead connects in CallLens, finds the lead's page in the navigation, reads the
// same progress numbers the server's team.progress() gives, sees them read again by themselves
// when the team database comes back, and opens one of a reviewer's calls — which her own cache
// never held — with its transcript.
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

const KEYS = ['open', 'overdue', 'done', 'expired', 'released', 'reviewed', 'offLease'] as const

test("a lead sees the team's progress as the server counts it and opens a reviewer's call", async ({ app }) => {
  test.setTimeout(180_000)
  sim = await startSimulator({ generate: { tasks: 2, calls: 12, seed: 43 } })
  server = await startTeamServer(sim, ['rita', 'sam'], ['lena'])
  const db = server.cluster.url('team_e2e')

  // The reviewers' desktops claim through the server's functions; rita's first lease runs out
  // and she reviews her second call.
  const claims: Record<string, number[]> = {}
  for (const [name, count] of [
    ['rita', 3],
    ['sam', 2],
  ] as const) {
    const [{ ids }] = (await queryAt<{ ids: string[] }>(
      server.cluster.url('team_e2e', name, server.passwords[name]),
      'SELECT team.claim_batch(NULL, $1) AS ids',
      [count],
    )) as [{ ids: string[] }]
    claims[name] = ids.map(Number)
  }
  const [late, reviewed] = claims.rita as [number, number, number]
  await queryAt(
    db,
    "UPDATE team.assignment SET lease_until = now() - interval '2 hours' WHERE assignee = 'rita' AND call_id = $1",
    [late],
  )
  await queryAt(db, "INSERT INTO team.review (call_id, author, verdict) VALUES ($1, 'rita', 'pass')", [reviewed])

  // The lead adds her team connection; the lead's page appears in the navigation.
  const page = app.page
  await page.getByTestId('welcome-team').click()
  await page.getByTestId('team-profile-add').click()
  await page.getByTestId('team-profile-name').fill('组长')
  await page.getByTestId('team-profile-db-url').fill(server.dbUrl)
  await page.getByTestId('team-profile-member').fill('lena')
  await page.getByTestId('team-profile-password').fill(server.passwords.lena!)
  await page.getByTestId('team-profile-save').click()
  await expect(page.locator('[data-testid="profile-row"]')).toHaveCount(1)
  await page.getByTestId('nav-team-lead').click()
  await expect(page.getByTestId('lead-page')).toBeVisible()
  await expect(page.getByTestId('lead-updated')).not.toHaveAttribute('data-at', '')

  // Every number of the progress table is the server's.
  const expected = await queryAt<Record<string, number | string | null>>(
    server.cluster.url('team_e2e', 'lena', server.passwords.lena),
    'SELECT member, campaign_id, open, overdue, done, expired, released, reviewed, off_lease AS "offLease" FROM team.progress()',
  )
  expect(expected.map((r) => r.member)).toEqual(['rita', 'sam'])
  expect(expected[0]).toMatchObject({ open: 2, overdue: 1, reviewed: 1 })
  for (const row of expected) {
    for (const key of KEYS) {
      const cell = page.locator(
        `[data-testid="lead-progress-count"][data-member="${row.member}"][data-campaign="${row.campaign_id ?? ''}"][data-key="${key}"]`,
      )
      await expect(cell, `${row.member} ${key}`).toHaveText(String(row[key]))
    }
  }
  // sam reviews a call while the lead looks; the team database then goes away and comes back:
  // the page says it is offline, then reads again by itself — sam's review is counted.
  await queryAt(db, "INSERT INTO team.review (call_id, author, verdict) VALUES ($1, 'sam', 'fail')", [claims.sam![0]])
  const samReviewed = page.locator('[data-testid="lead-progress-count"][data-member="sam"][data-key="reviewed"]')
  server.cluster.halt('immediate')
  try {
    await expect(page.getByTestId('team-status')).toHaveAttribute('data-state', 'offline', { timeout: 20_000 })
    await expect(page.getByTestId('lead-offline')).toBeVisible()
    await expect(samReviewed).toHaveText('0')
  } finally {
    server.cluster.resume()
  }
  await expect(page.getByTestId('team-status')).toHaveAttribute('data-state', 'online', { timeout: 20_000 })
  await expect(samReviewed).toHaveText('1')
  await expect(page.getByTestId('lead-offline')).toHaveCount(0)

  await page.getByRole('tab', { name: /超时未交/ }).click()
  await expect(page.locator('[data-testid="lead-overdue-call"]')).toHaveCount(1)
  await expect(page.locator('[data-testid="lead-overdue-call"]')).toHaveAttribute('data-call-id', String(late))
  // Messages are interpolated (they are compiled at build time: a file left out shows "{time}").
  await expect(page.getByTestId('lead-overdue-ago')).toHaveText(/^2 小时(\s\d+ 分钟)?前$/)
  await expect(page.getByTestId('lead-updated')).toHaveText(/^更新于 \d{4}-\d{2}-\d{2} \d{2}:\d{2}/)

  // Click-through: rita's calls, then one of them opens for review with its transcript.
  await page.getByRole('tab', { name: /进度/ }).click()
  await page.locator('[data-testid="lead-progress-member"][data-member="rita"]').click()
  const opens = page.locator('[data-testid="lead-call-open"]')
  await expect(opens).toHaveCount(3)
  await expect(page.getByTestId('lead-calls')).toContainText('rita 的通话')
  const listed = (await opens.evaluateAll((els) => els.map((el) => Number(el.getAttribute('data-call-id'))))).sort(
    (a, b) => a - b,
  )
  expect(listed).toEqual([...claims.rita!].sort((a, b) => a - b))
  await page.locator(`[data-testid="lead-call-open"][data-call-id="${reviewed}"]`).click()
  await expect(page.getByTestId('review-page')).toBeVisible()
  expect(page.url()).toMatch(new RegExp(`#/calls/${reviewed}$`))
  const [{ n }] = (await queryAt<{ n: number }>(
    db,
    'SELECT count(*)::int AS n FROM team.transcript_line WHERE call_id = $1',
    [reviewed],
  )) as [{ n: number }]
  expect(n).toBeGreaterThan(0)
  await expect(page.getByTestId('transcript-line')).toHaveCount(n)
  expect(app.problems).toEqual([])
})
