// The big data directory (1,000,000 calls; --quick 10,000), shared by the cache, memory and
// start-up benchmarks. Filling a million calls by SQL takes minutes, so the filled directory is
// kept under a key (cache schema + fixture code + call count) in a build cache and each run works
// on a fresh copy of it (the host writes to it), removed when the run ends. Fill time is never
// part of a figure; it is reported in a note when the directory had to be built.
import { createHash } from 'node:crypto'
import {
  constants,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { homedir, tmpdir } from 'node:os'
import { join } from 'node:path'
import { cacheMigrations } from '../../electron/services/cache/cache-schema'
import { bulkFillCalls } from './bulk-calls'
import { createProfileDataDir, REPO_ROOT } from './profile-data-dir'

export interface BigDataDir {
  dataDir: string
  cachePath: string
  calls: number
  tasks: number
  /** Seconds the fill took, or null when the filled directory came from the build cache. */
  fillSec: number | null
  /** Seconds copying the cached directory took (0 when it was just filled). */
  copySec: number
}

let made: Promise<BigDataDir> | null = null

/**
 * Set to run the big benchmarks at another size, e.g. `CALLLENS_BENCH_CALLS=100000` for the
 * previous round's figures (the size must be a multiple of the 20 tasks' 10,000-call batches).
 */
export const BIG_CALLS_ENV = 'CALLLENS_BENCH_CALLS'
/** Where filled directories are kept between runs; defaults to ~/.cache/calllens-bench. */
export const BUILD_CACHE_ENV = 'CALLLENS_BENCH_CACHE'

/** 1,000,000 calls; 10,000 for --quick; `CALLLENS_BENCH_CALLS` overrides both. */
export function bigCallCount(quick: boolean): number {
  const override = process.env[BIG_CALLS_ENV]
  if (override) {
    const calls = Number(override)
    if (!Number.isInteger(calls) || calls < 1000) {
      throw new Error(`${BIG_CALLS_ENV} must be a whole number of calls ≥ 1000 (got ${override})`)
    }
    return calls
  }
  return quick ? 10_000 : 1_000_000
}

/** The size as figure names print it: 1M, 100k, 10k. */
export function bigCallLabel(calls: number): string {
  return calls >= 1_000_000 && calls % 1_000_000 === 0 ? `${calls / 1_000_000}M` : `${calls / 1000}k`
}

const TASKS = 20
/** What the filled file depends on: a change to any of these fills it anew. */
const KEY_SOURCES = [
  'bench/lib/big-data-dir.ts',
  'bench/lib/bulk-calls.ts',
  'electron/test-support/cache-bulk-fixture.ts',
  'electron/test-support/cache-fixtures.ts',
  'electron/services/cache/cache-schema.ts',
  'electron/services/cache/search-index.ts',
  'electron/services/cache/interned-lines.ts',
  'electron/services/cache/text-search-index.ts',
]

/** An offline profile (nothing listens on port 9): the host serves the cache alone. */
const OFFLINE = {
  baseUrl: 'http://127.0.0.1:9/openapi/v1',
  appKey: 'bench-key',
  appSecret: 'bench-secret',
  companyId: 1001,
}

function buildKey(calls: number, schemaVersion: number): string {
  const hash = createHash('sha256')
  for (const file of KEY_SOURCES) hash.update(readFileSync(join(REPO_ROOT, file)))
  return `v${schemaVersion}-${calls}-${hash.digest('hex').slice(0, 16)}`
}

function buildCacheRoot(): string {
  return process.env[BUILD_CACHE_ENV] ?? join(homedir(), '.cache', 'calllens-bench')
}

/** Fills a fresh data directory; returns it with its cache path relative to it. */
function fill(calls: number): { dataDir: string; cacheRel: string; fillSec: number } {
  const dir = createProfileDataDir(OFFLINE, 'big')
  const started = performance.now()
  bulkFillCalls(dir.cache, calls, TASKS)
  const fillSec = (performance.now() - started) / 1000
  const cachePath = dir.cache.path
  dir.close()
  // Closing the last connection checkpoints the WAL into the file: the copy is complete.
  return { dataDir: dir.dataDir, cacheRel: cachePath.slice(dir.dataDir.length + 1), fillSec }
}

function make(calls: number): BigDataDir {
  const root = buildCacheRoot()
  mkdirSync(root, { recursive: true })
  const keyed = join(root, buildKey(calls, cacheMigrations.length))
  let fillSec: number | null = null
  if (!existsSync(join(keyed, 'cache-path'))) {
    const built = fill(calls)
    fillSec = built.fillSec
    // Another run may be filling the same key: the rename is atomic and the loser's copy goes.
    const staged = join(root, `.staging-${process.pid}-${Date.now()}`)
    cpSync(built.dataDir, staged, { recursive: true })
    rmSync(built.dataDir, { recursive: true, force: true })
    writeFileSync(join(staged, 'cache-path'), built.cacheRel)
    try {
      renameSync(staged, keyed)
    } catch {
      rmSync(staged, { recursive: true, force: true })
    }
  }
  const started = performance.now()
  const dataDir = mkdtempSync(join(tmpdir(), 'calllens-bench-big-'))
  // A reflink where the file system has them, a plain copy elsewhere.
  cpSync(keyed, dataDir, { recursive: true, mode: constants.COPYFILE_FICLONE })
  const cacheRel = readFileSync(join(dataDir, 'cache-path'), 'utf8')
  rmSync(join(dataDir, 'cache-path'))
  const copySec = fillSec === null ? (performance.now() - started) / 1000 : 0
  return { dataDir, cachePath: join(dataDir, cacheRel), calls, tasks: TASKS, fillSec, copySec }
}

export function bigDataDir(calls: number): Promise<BigDataDir> {
  made ??= Promise.resolve().then(() => make(calls))
  return made
}

/** How the directory was had, for a benchmark's note. */
export function bigDataDirNote(big: BigDataDir): string {
  return big.fillSec === null
    ? `${big.calls} calls copied from the build cache in ${big.copySec.toFixed(1)} s`
    : `${big.calls} calls filled by bulk SQL in ${big.fillSec.toFixed(1)} s (kept in the build cache for later runs)`
}

export async function removeBigDataDir(): Promise<void> {
  if (!made) return
  const dir = await made.catch(() => null)
  if (dir) rmSync(dir.dataDir, { recursive: true, force: true })
  made = null
}
