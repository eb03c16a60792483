// Start-up, two builds side by side: `npx tsx bench/startup-ab-probe.ts DATA_DIR OUT_A OUT_B [rounds]`
// spawns each build's host (OUT/main/host.js) on the same data directory, in turn, round after
// round, in one Chromium, until the task list is shown; prints each one's median time and the
// host's CPU (all its threads, from /proc) at that moment. On a machine shared with other work,
// alternating the builds is what makes two medians comparable; CPU time hardly moves with the load.
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { createInterface } from 'node:readline'
import { closeSharedBrowser, newPage, sharedBrowser } from './lib/browser'
import { percentile } from './lib/figures'
import { useRunScratchDirUntilExit } from '../electron/test-support/run-scratch'

useRunScratchDirUntilExit('bench')

/** user + system time of a process, ms (Linux: /proc/PID/stat, in clock ticks of 10 ms). */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')
  return (Number(fields[11]) + Number(fields[12])) * 10
}

interface StartUp {
  ms: number
  url: number
  cpu: number
  /** `STAMP name epoch-ms` lines a build printed on stderr (an instrumented build), ms after the spawn. */
  stamps: Record<string, number>
}

async function startUp(outDir: string, dataDir: string): Promise<StartUp> {
  const browser = await sharedBrowser()
  const page = await newPage(browser)
  const started = performance.now()
  const spawnedAt = Date.now()
  const child = spawn(process.execPath, [join(outDir, 'main/host.js'), '--data-dir', dataDir], {
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const stamps: Record<string, number> = {}
  createInterface({ input: child.stderr! }).on('line', (line) => {
    const stamp = /^STAMP (\S+) (\d+)/.exec(line)
    if (stamp) stamps[stamp[1]!] = Number(stamp[2]) - spawnedAt
    else console.error(line)
  })
  try {
    const line = await new Promise<string>((done) => createInterface({ input: child.stdout! }).once('line', done))
    const url = performance.now() - started
    await page.goto(line.replace(/^CallLens: /, ''))
    await page.getByTestId('task-table').waitFor()
    const ms = performance.now() - started
    return { ms, url, cpu: cpuMs(child.pid!), stamps }
  } finally {
    await page.context().close()
    const exited = once(child, 'exit')
    child.kill('SIGTERM')
    await exited
  }
}

const [dataDir, outA, outB, roundsArg] = process.argv.slice(2)
if (!dataDir || !outA || !outB) throw new Error('usage: startup-ab-probe.ts DATA_DIR OUT_A OUT_B [rounds]')
const rounds = Number(roundsArg ?? 8)
const results: Record<string, StartUp[]> = { A: [], B: [] }
for (let round = 0; round < rounds; round++) {
  // Who goes first alternates too: the first of a pair finds the disk cache and the CPU as the last left them.
  const order: ['A' | 'B', string][] =
    round % 2
      ? [
          ['B', outB],
          ['A', outA],
        ]
      : [
          ['A', outA],
          ['B', outB],
        ]
  for (const [name, out] of order) results[name]!.push(await startUp(resolve(out), resolve(dataDir)))
}
await closeSharedBrowser()
const median = (values: number[]) => percentile(values, 50).toFixed(0)
for (const [name, runs] of Object.entries(results)) {
  console.log(
    `${name}: table ${median(runs.map((r) => r.ms))} ms, URL ${median(runs.map((r) => r.url))} ms, host CPU ${median(
      runs.map((r) => r.cpu),
    )} ms (medians of ${runs.length}); tables ${runs.map((r) => r.ms.toFixed(0)).join(' ')}`,
  )
  const names = [...new Set(runs.flatMap((r) => Object.keys(r.stamps)))]
  for (const stamp of names)
    console.log(`  ${stamp}: ${median(runs.map((r) => r.stamps[stamp] ?? NaN))} ms after the spawn`)
}
