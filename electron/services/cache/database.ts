// Opens a SQLite file the way every CallLens store wants it: WAL, a busy timeout, foreign keys on,
// and the durability level the caller chooses (NORMAL for the re-syncable cache, FULL for reviews).
import type BetterSqlite3 from 'better-sqlite3'
import { mkdirSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname } from 'node:path'

/**
 * better-sqlite3 is CommonJS: required, not imported, it skips the ES module loader's translation
 * (which parses the package's files for their export names): ≈ 3 ms of CPU at the start of the
 * browser-mode host's backend worker, where the page's first answers wait (bench/README.md).
 */
export const Database = createRequire(import.meta.url)('better-sqlite3') as typeof BetterSqlite3

export type Db = BetterSqlite3.Database

export type Synchronous = 'NORMAL' | 'FULL'

/** How long a statement waits for another connection's lock before failing with SQLITE_BUSY. */
export const BUSY_TIMEOUT_MS = 5000

/**
 * Page cache per connection, in KiB (negative = KiB for SQLite). The default 2 MB is far smaller
 * than the indexes of 100,000 calls, and bulk sync writes then thrash; this is a ceiling, not an allocation.
 */
export const CACHE_SIZE_KIB = 64 * 1024

/**
 * Inside Electron the shell points this at better-sqlite3 built for Electron's ABI
 * (scripts/electron-native.mjs); plain Node (tests, browser mode, CLI) uses the default build.
 */
export const ELECTRON_BINDING_ENV = 'CALLLENS_SQLITE_BINDING'

export function openDatabase(path: string, synchronous: Synchronous): Db {
  mkdirSync(dirname(path), { recursive: true })
  const binding = process.versions.electron ? process.env[ELECTRON_BINDING_ENV] : undefined
  const db = new Database(path, binding ? { nativeBinding: binding } : {})
  try {
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`)
    const mode = db.pragma('journal_mode = WAL', { simple: true })
    if (mode !== 'wal') throw new Error(`could not put ${path} in WAL mode (got ${String(mode)})`)
    db.pragma(`synchronous = ${synchronous}`)
    db.pragma('foreign_keys = ON')
    db.pragma(`cache_size = -${CACHE_SIZE_KIB}`)
    db.pragma('temp_store = MEMORY')
    return db
  } catch (error) {
    db.close()
    throw error
  }
}

/** `PRAGMA integrity_check` rows; `['ok']` for a sound file. */
export function integrityCheck(db: Db, schema = 'main'): string[] {
  const rows = db.pragma(`${schema}.integrity_check`) as Record<string, unknown>[]
  return rows.map((row) => String(Object.values(row)[0]))
}
