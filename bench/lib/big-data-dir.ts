// The 100,000-call data directory, made once per run and shared by the cache and memory
// benchmarks (filling it is the slow part), removed when the run ends.
import { rmSync } from 'node:fs'
import { bulkFillCalls } from './bulk-calls'
import { createProfileDataDir } from './profile-data-dir'

export interface BigDataDir {
  dataDir: string
  cachePath: string
  calls: number
  tasks: number
  /** Seconds the fill took. */
  fillSec: number
}

let made: Promise<BigDataDir> | null = null

/** 100,000 calls; 10,000 for --quick. */
export const bigCallCount = (quick: boolean) => (quick ? 10_000 : 100_000)
const TASKS = 20

/** An offline profile (nothing listens on port 9): the host serves the cache alone. */
const OFFLINE = {
  baseUrl: 'http://127.0.0.1:9/openapi/v1',
  appKey: 'bench-key',
  appSecret: 'bench-secret',
  companyId: 1001,
}

export function bigDataDir(calls: number): Promise<BigDataDir> {
  made ??= (async () => {
    const dir = createProfileDataDir(OFFLINE, 'big')
    const started = performance.now()
    bulkFillCalls(dir.cache, calls, TASKS)
    const fillSec = (performance.now() - started) / 1000
    const cachePath = dir.cache.path
    dir.close()
    return { dataDir: dir.dataDir, cachePath, calls, tasks: TASKS, fillSec }
  })()
  return made
}

export async function removeBigDataDir(): Promise<void> {
  if (!made) return
  const dir = await made.catch(() => null)
  if (dir) rmSync(dir.dataDir, { recursive: true, force: true })
  made = null
}
