// A BYRobot simulator run by the spec itself (faults, hostile data, a known secret), and the
// welcome screen's "Connect to BYRobot" form filled in to point CallLens at it.
import type { Page } from '@playwright/test'
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { SimDataset } from '../electron/sim/dataset/schema'
import type { RunningSimulator } from '../electron/sim/simulator'
import { expect } from './fixtures'
import { REPO_ROOT } from './paths'

export interface Connection {
  name: string
  baseUrl: string
  appKey: string
  appSecret: string
  companyId: number
}

/** Fills and saves the connect form (testing the connection first if asked); saving starts the first sync. */
export async function connectThroughWelcome(
  page: Page,
  connection: Connection,
  options: { testFirst?: boolean } = {},
): Promise<void> {
  await expect(page.getByTestId('welcome-page')).toBeVisible()
  await page.getByTestId('connect-byrobot').click()
  await page.getByTestId('profile-name').fill(connection.name)
  await page.getByTestId('profile-base-url').fill(connection.baseUrl)
  await page.getByTestId('profile-app-key').fill(connection.appKey)
  await page.getByTestId('profile-company-id').fill(String(connection.companyId))
  await page.getByTestId('profile-app-secret').fill(connection.appSecret)
  if (options.testFirst) {
    await page.getByTestId('profile-test').click()
    await expect(page.getByTestId('profile-outcome')).toBeVisible({ timeout: 30_000 })
  }
  await page.getByTestId('profile-save').click()
  await expect(page.getByTestId('sync-progress')).toBeVisible()
}

const DEMO_DIR = join(REPO_ROOT, 'resources/demo')

/**
 * A small dataset directory in the simulator's format: the demo's first task and its first
 * answered calls (with their recordings), each text field replaced through `rewrite`.
 */
export function writeDataset(
  rewrite: (dataset: SimDataset) => SimDataset,
  options: { calls?: number } = {},
): { dir: string; dataset: SimDataset } {
  const demo = JSON.parse(readFileSync(join(DEMO_DIR, 'dataset.json'), 'utf8')) as SimDataset
  const task = demo.tasks[0]!
  const calls = demo.calls
    .filter((call) => call.callJobId === task.callJobId && call.recording !== null)
    .slice(0, options.calls ?? 2)
  const dir = mkdtempSync(join(tmpdir(), 'calllens-e2e-dataset-'))
  mkdirSync(join(dir, 'audio'))
  for (const call of calls) {
    for (const file of [call.recording, call.userRecording]) {
      if (file) copyFileSync(join(DEMO_DIR, file), join(dir, file))
    }
  }
  const dataset = rewrite({
    ...demo,
    companies: demo.companies.filter((c) => c.companyId === task.companyId),
    tasks: [task],
    calls,
    notDialed: [],
  })
  writeFileSync(join(dir, 'dataset.json'), JSON.stringify(dataset))
  return { dir, dataset }
}

/** Points CallLens at a running simulator through the welcome screen and waits for the first sync. */
export async function connectAndSync(page: Page, sim: RunningSimulator): Promise<void> {
  await connectThroughWelcome(page, {
    name: '生成数据',
    baseUrl: sim.baseUrl,
    ...sim.credentials,
    companyId: sim.companyId,
  })
  await expect(page.getByTestId('sync-progress')).toHaveAttribute('data-phase', 'done', { timeout: 150_000 })
}

/** The simulator's live task with the most calls. */
export function largestLiveTask(sim: RunningSimulator) {
  const [task] = sim.store
    .tasksOfCompany(sim.companyId)
    .filter((state) => !state.task.deleted)
    .sort((a, b) => b.calls.length - a.calls.length)
  return task!
}
