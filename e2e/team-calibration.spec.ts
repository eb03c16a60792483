// Two reviewers on one team, each on their own browser-mode CallLens, and a lead: A's claims are
// A's alone; in a blind calibration session B never sees A's grades until the lead reveals, then
// both see both grades side by side, the difference flagged, and the server's agreement figure.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import pg from 'pg'
import { calibrationAgreement } from '../electron/services/team/team-calibration'
import { startSimulator, type RunningSimulator } from '../electron/sim/simulator'
import { queryAt } from '../electron/test-support/postgres-cluster'
import zhCN from '../renderer/src/i18n/zh-CN'
import { expect, test } from './fixtures'
import { launchChromium, openPage, startHostProcess, type RunningHostProcess } from './launch-browser-mode'
import { startTeamServer, type TeamServer } from './team-server'

let sim: RunningSimulator | undefined
let server: TeamServer | undefined
const cleanups: (() => Promise<unknown> | unknown)[] = []
test.afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
  await server?.stop()
  await sim?.close()
  server = undefined
  sim = undefined
})

/** The Connections page's team form, as a reviewer fills it in on a fresh CallLens. */
async function joinTeam(page: Page, dbUrl: string, member: string, password: string): Promise<void> {
  await page.getByTestId('welcome-team').click()
  await page.getByTestId('team-profile-add').click()
  await page.getByTestId('team-profile-name').fill(`团队 ${member}`)
  await page.getByTestId('team-profile-db-url').fill(dbUrl)
  await page.getByTestId('team-profile-member').fill(member)
  await page.getByTestId('team-profile-password').fill(password)
  await page.getByTestId('team-profile-save').click()
  await expect(page.locator('[data-testid="profile-row"]').getByTestId('profile-member-cell')).toHaveText(member)
  await page.getByTestId('nav-calls').click()
  await expect(page.getByTestId('team-status')).toHaveAttribute('data-state', 'online')
}

async function claim(page: Page, count: number): Promise<number[]> {
  const input = page.getByTestId('team-claim-count').locator('input')
  await input.fill(String(count))
  await input.press('Enter')
  await expect(page.getByTestId('result-count')).toHaveAttribute('data-count', String(count))
  const rows = page.locator('[data-testid="call-row"][data-call-id]')
  return (await rows.evaluateAll((els) => els.map((el) => Number(el.getAttribute('data-call-id'))))).sort(
    (a, b) => a - b,
  )
}

async function held(member: string): Promise<number[]> {
  const rows = await queryAt<{ call_id: string }>(
    server!.cluster.url('team_e2e'),
    "SELECT call_id FROM team.assignment WHERE assignee = $1 AND kind = 'normal' AND state = 'open' ORDER BY call_id",
    [member],
  )
  return rows.map((r) => Number(r.call_id))
}

/** Grades one call on the session page: verdict, optional score, and a tag corrected or confirmed. */
async function grade(
  page: Page,
  callId: number,
  verdict: 'pass' | 'fail',
  tag: { name: string; correctTo?: string },
  score?: number,
): Promise<void> {
  const call = page.locator(`[data-testid="calibration-call"][data-call-id="${callId}"]`)
  await call.getByTestId('calibration-grade').click()
  const panel = call.getByTestId('calibration-grade-panel')
  await panel.locator(`[data-verdict="${verdict}"]`).click()
  if (score !== undefined) {
    await panel.getByTestId('calibration-score').locator('input').fill(String(score))
    await panel.getByTestId('calibration-score').locator('input').press('Tab')
  }
  const row = panel.locator(`[data-testid="calibration-tag"][data-name="${tag.name}"]`)
  if (tag.correctTo) await row.getByTestId('calibration-tag-correct').fill(tag.correctTo)
  else await row.getByTestId('calibration-tag-confirm').click()
  await panel.getByTestId('calibration-submit').click()
  await expect(call.getByTestId('calibration-own-grade')).toHaveText(
    zhCN.calibration.session.yourGrade.replace('{verdict}', zhCN.verdict[verdict]),
  )
}

async function openSession(page: Page, sessionId: number): Promise<void> {
  await page.getByTestId('nav-calibration').click()
  await page
    .locator(`[data-testid="calibration-session-row"][data-session-id="${sessionId}"]`)
    .getByTestId('calibration-session-link')
    .click()
  await expect(page.getByTestId('calibration-session-page')).toBeVisible()
}

const authorsShown = (page: Page) => page.getByTestId('compare-author').allTextContents()
const cell = (page: Page, callId: number, measure: string, author: string, tag?: string) =>
  page
    .locator(
      `[data-testid="compare-row"][data-call-id="${callId}"][data-measure="${measure}"]${tag ? `[data-tag="${tag}"]` : ''}`,
    )
    .locator(`[data-testid="compare-cell"][data-author="${author}"]`)
const row = (page: Page, callId: number, measure: string, tag?: string) =>
  page.locator(
    `[data-testid="compare-row"][data-call-id="${callId}"][data-measure="${measure}"]${tag ? `[data-tag="${tag}"]` : ''}`,
  )

test('two reviewers: claims stay apart, calibration is blind until the lead reveals, then both see both grades and the server’s agreement; offline it needs the team connection', async ({
  app,
}) => {
  test.setTimeout(240_000)
  sim = await startSimulator({ generate: { tasks: 2, calls: 12, seed: 43 } })
  server = await startTeamServer(sim, ['alice', 'bob'], ['lena'])
  const db = server.cluster.url('team_e2e')

  // Reviewer B and the lead: two more CallLens instances (each its own host and data directory).
  const browser = await launchChromium()
  cleanups.push(() => browser.close())
  async function another(name: string): Promise<Page> {
    const dir = mkdtempSync(join(tmpdir(), `calllens-e2e-${name}-`))
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }))
    const host: RunningHostProcess = await startHostProcess(dir)
    cleanups.push(() => host.stop())
    const page = await openPage(browser, host.url)
    await expect(page.locator('[data-ready="true"]')).toBeVisible()
    return page
  }
  const a = app.page
  const b = await another('b')
  const lead = await another('lead')

  await joinTeam(a, server.dbUrl, 'alice', server.passwords.alice!)
  await joinTeam(b, server.dbUrl, 'bob', server.passwords.bob!)

  // A claims 3, then B claims 3: each list is exactly what the server says they hold, none shared.
  const aShown = await claim(a, 3)
  const bShown = await claim(b, 3)
  expect(aShown).toEqual(await held('alice'))
  expect(bShown).toEqual(await held('bob'))
  expect(bShown.filter((id) => aShown.includes(id))).toEqual([])

  // The lead opens a session on two calls with robot tags, for A and B.
  const tagged = await queryAt<{ call_id: string; name: string; value: string }>(
    db,
    // A tag the robot gave several values is graded as one, its values joined in the call's order.
    `SELECT DISTINCT ON (call_id) call_id, name,
            (SELECT string_agg(o.value, '、' ORDER BY o.ord) FROM team.call_result o
              WHERE o.call_id = r.call_id AND o.name = r.name) AS value
       FROM team.call_result r ORDER BY call_id, ord LIMIT 2`,
  )
  expect(tagged).toHaveLength(2)
  const [first, second] = tagged.map((r) => Number(r.call_id)) as [number, number]
  const [tagOne, tagTwo] = tagged as [(typeof tagged)[0], (typeof tagged)[0]]
  const lena = new pg.Client({ connectionString: server.cluster.url('team_e2e', 'lena', server.passwords.lena!) })
  // The database is halted on purpose at the end: the lead's idle link dying then is expected.
  lena.on('error', () => undefined)
  await lena.connect()
  cleanups.push(() => lena.end().catch(() => undefined))
  await joinTeam(lead, server.dbUrl, 'lena', server.passwords.lena!)
  await lead.getByTestId('nav-calibration').click()
  await lead.getByTestId('calibration-name').fill('第 49 周校准')
  await lead.getByTestId('calibration-call-ids').fill(`${first}, ${second}`)
  await lead.getByTestId('calibration-participants').fill('alice, bob')
  await lead.getByTestId('calibration-create').click()
  await expect(lead.getByTestId('calibration-session-name')).toHaveText('第 49 周校准')
  const sessionId = Number(/#\/calibration\/(\d+)/.exec(lead.url())![1])
  expect(
    await queryAt<{ member: string }>(
      db,
      'SELECT member FROM team.calibration_participant WHERE session_id = $1 ORDER BY member',
      [sessionId],
    ),
  ).toEqual([{ member: 'alice' }, { member: 'bob' }])

  // A sees the session (2 calls, none graded), grades both: the first call "fail" with its tag corrected.
  await a.getByTestId('nav-calibration').click()
  const aRow = a.locator(`[data-testid="calibration-session-row"][data-session-id="${sessionId}"]`)
  await expect(aRow.getByTestId('calibration-session-calls')).toHaveText('2')
  await expect(aRow.getByTestId('calibration-session-graded')).toHaveText('0 / 2')
  await openSession(a, sessionId)
  await expect(a.getByTestId('calibration-session-state')).toHaveAttribute('data-revealed', 'false')
  await grade(a, first, 'fail', { name: tagOne.name, correctTo: `${tagOne.value}（更正）` }, 40)
  await grade(a, second, 'pass', { name: tagTwo.name })
  expect(
    await queryAt<{ n: number }>(
      db,
      'SELECT count(*)::int AS n FROM team.review WHERE session_id = $1 AND author = $2',
      [sessionId, 'alice'],
    ),
  ).toEqual([{ n: 2 }])

  // B grades the same calls differently on the first; B's page never shows A's grade before the reveal.
  await openSession(b, sessionId)
  await grade(b, first, 'pass', { name: tagOne.name })
  // B grades the second call with the keyboard alone: open the panel, pick the verdict, confirm the tag, submit.
  const bSecond = b.locator(`[data-testid="calibration-call"][data-call-id="${second}"]`)
  await bSecond.getByTestId('calibration-grade').focus()
  await b.keyboard.press('Enter')
  const bPanel = bSecond.getByTestId('calibration-grade-panel')
  await bPanel.locator('[data-verdict="pass"] input').focus()
  await b.keyboard.press('Space')
  await bPanel
    .locator(`[data-testid="calibration-tag"][data-name="${tagTwo.name}"]`)
    .getByTestId('calibration-tag-confirm')
    .focus()
  await b.keyboard.press('Enter')
  await bPanel.getByTestId('calibration-submit').focus()
  await b.keyboard.press('Enter')
  await expect(bSecond.getByTestId('calibration-own-grade')).toHaveText(
    zhCN.calibration.session.yourGrade.replace('{verdict}', zhCN.verdict.pass),
  )
  expect(await authorsShown(b)).toEqual(['bob'])
  await expect(b.getByTestId('calibration-agreement')).toHaveCount(0)
  await expect(b.getByTestId('calibration-session-page')).not.toContainText('alice')
  await expect(b.getByTestId('calibration-reveal')).toHaveCount(0)

  // The lead reveals from the session page; both reopen the session and see both grades side by side.
  await lead.getByTestId('calibration-back').click()
  await openSession(lead, sessionId)
  await lead.getByTestId('calibration-reveal').click()
  await lead.locator('.el-message-box').getByRole('button', { name: zhCN.calibration.session.reveal }).click()
  await expect(lead.getByTestId('calibration-session-state')).toHaveAttribute('data-revealed', 'true')
  const agreement = await calibrationAgreement(lena, sessionId)
  const verdictOverall = agreement.find((r) => r.measure === 'verdict' && r.raterA === null)!
  expect(verdictOverall.percent).toBe(0.5)
  for (const page of [a, b]) {
    await page.getByTestId('calibration-back').click()
    await openSession(page, sessionId)
    await expect(page.getByTestId('calibration-session-state')).toHaveAttribute('data-revealed', 'true')
    expect(await authorsShown(page)).toEqual(['alice', 'bob'])
    await expect(cell(page, first, 'verdict', 'alice')).toHaveText(zhCN.verdict.fail)
    await expect(cell(page, first, 'verdict', 'bob')).toHaveText(zhCN.verdict.pass)
    await expect(row(page, first, 'verdict')).toHaveAttribute('data-differs', 'true')
    await expect(row(page, second, 'verdict')).toHaveAttribute('data-differs', 'false')
    await expect(cell(page, first, 'tag', 'alice', tagOne.name)).toHaveText(`${tagOne.value}（更正）`)
    await expect(cell(page, first, 'tag', 'bob', tagOne.name)).toHaveText(tagOne.value)
    await expect(row(page, first, 'tag', tagOne.name)).toHaveAttribute('data-differs', 'true')
    await expect(cell(page, first, 'score', 'alice')).toHaveText('40')
    // The agreement on verdicts is the server's figure: 1 of 2 calls alike.
    const overall = page.locator('[data-testid="agreement-row"][data-measure="verdict"][data-pair="overall"]')
    await expect(overall).toHaveAttribute('data-percent', String(verdictOverall.percent))
    await expect(overall.getByTestId('agreement-percent')).toHaveText(
      new Intl.NumberFormat('zh-CN', { style: 'percent', maximumFractionDigits: 1 }).format(verdictOverall.percent!),
    )
  }
  // The session list counts both of A's grades.
  await a.getByTestId('calibration-back').click()
  await expect(aRow.getByTestId('calibration-session-graded')).toHaveText('2 / 2')

  // With the team database gone, calibration says it needs the team connection (nothing is queued).
  server.cluster.halt('immediate')
  try {
    await expect(a.getByTestId('team-status')).toHaveAttribute('data-state', 'offline', { timeout: 20_000 })
    await expect(a.getByTestId('calibration-needs-team')).toBeVisible()
    await expect(a.getByTestId('calibration-sessions')).toHaveCount(0)
  } finally {
    server.cluster.resume()
  }
  await expect(a.getByTestId('team-status')).toHaveAttribute('data-state', 'online', { timeout: 20_000 })
  await expect(aRow.getByTestId('calibration-session-graded')).toHaveText('2 / 2')
})
