// Test support: the CLI as a real child process. Plain `node --import tsx` (not the tsx
// binary, which forks a second node) so that SIGINT and SIGKILL reach the CLI itself.
import { spawn, type ChildProcess } from 'node:child_process'
import { readdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { createInterface } from 'node:readline'
import { CallCache } from '../services/cache'
import type { RunningSimulator } from '../sim/simulator'

const ROOT = resolve(import.meta.dirname, '../..')
const ENTRY = resolve(import.meta.dirname, '../cli/index.ts')

export interface CliExit {
  code: number | null
  signal: NodeJS.Signals | null
  stdout: string
  stderr: string
}

export interface CliProcess {
  child: ChildProcess
  /** stdout so far, line by line. */
  lines: string[]
  /** Resolves true once `count` lines have matched, false if the process ended first. */
  waitForLines(match: (line: string) => boolean, count?: number): Promise<boolean>
  exited: Promise<CliExit>
}

/** The environment of a CLI run: none of the caller's CallLens variables leak in. */
function cliEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  const base = { ...process.env }
  delete base.CALLLENS_APP_SECRET
  delete base.CALLLENS_DATA_DIR
  delete base.CALLLENS_DB_PASSWORD
  return { ...base, ...env }
}

export function startCli(args: string[], env: Record<string, string> = {}): CliProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', ENTRY, ...args], {
    cwd: ROOT,
    env: cliEnv(env),
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const lines: string[] = []
  const waiters = new Set<() => void>()
  let stderr = ''
  let ended = false
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
  createInterface({ input: child.stdout! }).on('line', (line) => {
    lines.push(line)
    for (const wake of waiters) wake()
  })
  const exited = new Promise<CliExit>((done) =>
    child.on('close', (code, signal) => {
      ended = true
      for (const wake of waiters) wake()
      done({ code, signal, stdout: lines.map((line) => `${line}\n`).join(''), stderr })
    }),
  )
  const waitForLines = (match: (line: string) => boolean, count = 1): Promise<boolean> =>
    new Promise((done) => {
      const check = (): void => {
        if (lines.filter(match).length >= count) done(true)
        else if (ended) done(false)
        else return
        waiters.delete(check)
      }
      waiters.add(check)
      check()
    })
  return { child, lines, waitForLines, exited }
}

export function runCli(args: string[], env: Record<string, string> = {}): Promise<CliExit> {
  return startCli(args, env).exited
}

/** `cli sync` arguments and environment for a running simulator. */
export function syncArgs(sim: RunningSimulator, dataDir: string, secret = sim.credentials.appSecret) {
  return {
    args: [
      'sync',
      '--base-url',
      sim.baseUrl,
      '--app-key',
      sim.credentials.appKey,
      '--company',
      String(sim.companyId),
      '--data-dir',
      dataDir,
    ],
    env: { CALLLENS_APP_SECRET: secret },
  }
}

/** The one profile directory the CLI made in a data directory. */
export function profileDir(dataDir: string): string {
  const ids = readdirSync(join(dataDir, 'profiles'))
  if (ids.length !== 1) throw new Error(`expected one profile in ${dataDir}, found ${ids.length}`)
  return join(dataDir, 'profiles', ids[0]!)
}

export function openCache(dataDir: string): CallCache {
  const dir = profileDir(dataDir)
  return new CallCache(join(dir, 'cache.db'), { dataDir: dir })
}

/** Done-call ids the simulator holds for the company, sorted. */
export function simulatorCallIds(sim: RunningSimulator): number[] {
  return sim.store
    .tasksOfCompany(sim.companyId)
    .filter((state) => !state.task.deleted)
    .flatMap((state) => state.calls.map((call) => call.callInstanceId))
    .sort((a, b) => a - b)
}
