// One reviewer on two desktops (two browser-mode hosts, two data directories, one team database):
// what is graded on one shows up in the other's open review page by itself, and a note replaced by
// the other desktop's is offered back ("edited on another device — restore?") and restored.
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, Page } from '@playwright/test'
import { startSimulator, type RunningSimulator } from '../electron/sim/simulator'
import { queryAt } from '../electron/test-support/postgres-cluster'
import { expect, test } from './fixtures'
import { launchChromium, openPage, startHostProcess, type RunningHostProcess } from './launch-browser-mode'
import { startTeamServer, type TeamServer } from './team-server'

let sim: RunningSimulator | undefined
let server: TeamServer | undefined
let second: { host: RunningHostProcess; page: Page } | undefined
/** Electron mode has no shared Chromium: the second desktop's browser is this spec's own. */
let ownBrowser: Browser | undefined
test.afterEach(async () => {
  if (second) {
    await second.page.context().close()
    expect(await second.host.stop(), 'the second host exits cleanly').toBe(0)
  }
  await ownBrowser?.close()
  await server?.stop()
  await sim?.close()
  ownBrowser = undefined
  second = undefined
  server = undefined
  sim = undefined
})

/** The Connections page's team form, as a reviewer fills it in on a new desktop. */
async function addTeamConnection(page: Page, dbUrl: string, password: string): Promise<void> {
  await page.getByTestId('welcome-team').click()
  await page.getByTestId('team-profile-add').click()
  await page.getByTestId('team-profile-name').fill('质检一组')
  await page.getByTestId('team-profile-db-url').fill(dbUrl)
  await page.getByTestId('team-profile-member').fill('rita')
  await page.getByTestId('team-profile-password').fill(password)
  await page.getByTestId('team-profile-save').click()
  await expect(page.locator('[data-testid="profile-row"]').getByTestId('profile-active-badge')).toBeVisible()
  await page.getByTestId('nav-calls').click()
  await expect(page.getByTestId('team-status')).toHaveAttribute('data-state', 'online', { timeout: 20_000 })
}

const openCall = (page: Page, id: number) => page.evaluate((hash) => (window.location.hash = hash), `#/calls/${id}`)

test('a verdict and note saved on one desktop show up in the other desktop’s open review, and a replaced note is restored', async ({
  app,
  chromiumBrowser,
}) => {
  test.setTimeout(180_000)
  sim = await startSimulator({ generate: { tasks: 1, calls: 6, seed: 43 } })
  server = await startTeamServer(sim, ['rita'])
  const password = server.passwords.rita!
  const a = app.page
  const host = await startHostProcess(mkdtempSync(join(tmpdir(), 'calllens-e2e-second-desk-')))
  const browser = chromiumBrowser ?? (ownBrowser = await launchChromium())
  second = { host, page: await openPage(browser, host.url) }
  const b = second.page
  await expect(b.locator('[data-ready="true"]')).toBeVisible()

  await addTeamConnection(a, server.dbUrl, password)
  await addTeamConnection(b, server.dbUrl, password)

  // A claims; B (the same reviewer) gets the same calls without doing anything.
  const count = a.getByTestId('team-claim-count').locator('input')
  await count.fill('2')
  await count.press('Enter')
  await expect(a.getByTestId('result-count')).toHaveAttribute('data-count', '2')
  await expect(b.getByTestId('result-count')).toHaveAttribute('data-count', '2', { timeout: 20_000 })
  const held = await queryAt<{ call_id: string }>(
    server.cluster.url('team_e2e'),
    "SELECT call_id FROM team.assignment WHERE assignee = 'rita' AND state = 'open' ORDER BY call_id LIMIT 1",
  )
  const id = Number(held[0]!.call_id)

  // Both open the call; A grades it; B's open page shows the verdict and note by itself.
  await openCall(b, id)
  await expect(b.getByTestId('review-page')).toBeVisible()
  await openCall(a, id)
  await expect(a.getByTestId('review-page')).toBeVisible()
  await a.getByTestId('verdict-fail').click()
  await a.getByTestId('note-text').fill('A：客户要求回电')
  await expect(b.getByTestId('verdict-fail')).toHaveClass(/is-active/, { timeout: 15_000 })
  await expect(b.getByTestId('note-text')).toHaveValue('A：客户要求回电', { timeout: 15_000 })
  await expect(a.getByTestId('team-pending-ops')).toHaveAttribute('data-count', '0', { timeout: 15_000 })
  await expect(b.getByTestId('note-conflict')).toHaveCount(0)

  // B rewrites the note: A's page takes B's text and offers A's back; A restores it with the keyboard.
  await b.getByTestId('note-text').fill('B：已回电，无需跟进')
  await expect(a.getByTestId('note-text')).toHaveValue('B：已回电，无需跟进', { timeout: 15_000 })
  await expect(a.getByTestId('note-conflict')).toBeVisible({ timeout: 15_000 })
  await expect(a.getByTestId('note-conflict-text')).toContainText('A：客户要求回电')
  await a.getByTestId('note-conflict-restore').focus()
  await a.keyboard.press('Enter')
  await expect(a.getByTestId('note-conflict')).toHaveCount(0)
  await expect(a.getByTestId('note-text')).toHaveValue('A：客户要求回电')
  await expect(b.getByTestId('note-text')).toHaveValue('A：客户要求回电', { timeout: 15_000 })
  // B's text lost in its turn: B keeps A's.
  await expect(b.getByTestId('note-conflict')).toBeVisible({ timeout: 15_000 })
  await b.getByTestId('note-conflict-dismiss').click()
  await expect(b.getByTestId('note-conflict')).toHaveCount(0)
  expect(
    await queryAt<{ verdict: string; note: string }>(
      server.cluster.url('team_e2e'),
      "SELECT verdict, note FROM team.review WHERE call_id = $1 AND author = 'rita'",
      [id],
    ),
  ).toEqual([{ verdict: 'fail', note: 'A：客户要求回电' }])
})
