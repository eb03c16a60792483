// A one-off probe (not part of `npm run bench`): start-up with a browser profile kept between
// starts, as an installed app after a reboot has it (HTTP cache and V8's code cache from earlier
// starts), against the bare floor in the same profile.
//   npx tsx bench/startup-kept-profile-probe.ts [starts]
// The host listens on one fixed port so its files stay the same cached URLs; the first three
// starts fill the caches and are left out of the medians.
import { chromium, type BrowserContext } from '@playwright/test'
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { bigCallCount, bigDataDir } from './lib/big-data-dir'
import { HOST_ENTRY } from './lib/browser'
import { percentile } from './lib/figures'
import { BARE_SERVER } from './startup-bench'
import { useRunScratchDirUntilExit } from '../electron/test-support/run-scratch'

useRunScratchDirUntilExit('bench')

const PORT = 47_400
const WARMING = 3
const starts = Number(process.argv[2] ?? 9)

/** Spawns `args` with node, waits for its first line (its URL), opens it: ms from the spawn to `ready`. */
async function startUp(context: BrowserContext, args: string[], ready: string): Promise<number> {
  const page = await context.newPage()
  const spawnedAt = performance.now()
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] })
  try {
    const line = await new Promise<string>((resolve) => createInterface({ input: child.stdout! }).once('line', resolve))
    await page.goto(line.replace(/^CallLens: /, ''))
    await page.locator(ready).waitFor()
    return performance.now() - spawnedAt
  } finally {
    const exited = once(child, 'exit')
    child.kill('SIGTERM')
    await exited
    await page.close()
  }
}

const big = await bigDataDir(bigCallCount(false))
const profile = mkdtempSync(join(tmpdir(), 'calllens-kept-profile-'))
const context = await chromium.launchPersistentContext(profile, {
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-background-networking'],
})
const app: number[] = []
const bare: number[] = []
for (let start = 0; start < starts; start++) {
  app.push(
    await startUp(
      context,
      [HOST_ENTRY, '--port', String(PORT), '--data-dir', big.dataDir],
      '[data-testid="task-table"]',
    ),
  )
  bare.push(await startUp(context, ['-e', BARE_SERVER], '#ready'))
}
await context.close()
rmSync(profile, { recursive: true, force: true })

const median = (values: number[]) => Math.round(percentile(values, 50))
const kept = (values: number[]) => values.slice(WARMING)
console.log(`app, spawn → task list: ${app.map(Math.round).join(' ')} ms`)
console.log(`bare, spawn → page: ${bare.map(Math.round).join(' ')} ms`)
console.log(
  `after ${WARMING} warming starts: app ${median(kept(app))} ms, bare ${median(kept(bare))} ms, ` +
    `${(median(kept(app)) / median(kept(bare))).toFixed(2)}×`,
)
process.exit(0)
