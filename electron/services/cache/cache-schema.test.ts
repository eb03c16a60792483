import Database from 'better-sqlite3'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { cacheMigrations } from './cache-schema'
import { CallCache } from './call-cache'
import { BUSY_TIMEOUT_MS, openDatabase } from './database'
import { migrate, schemaVersion } from './migrations'
import { makeSummary, makeTask, openTempCache, tempDir } from './test-fixtures'

describe('the cache file', () => {
  it('is created from nothing at the latest schema version, in WAL mode, with reviews beside it', () => {
    const { cache, dir } = openTempCache()
    cache.close()
    const path = join(dir, 'profile-1', 'cache.db')
    const db = new Database(path, { readonly: true })
    expect(schemaVersion(db)).toBe(cacheMigrations.length)
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal')
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type IN ('table', 'index')").pluck().all()
    expect(tables).toEqual(
      expect.arrayContaining(['tasks', 'calls', 'call_results', 'transcript_lines', 'recordings', 'not_dialed']),
    )
    expect(tables).toEqual(expect.arrayContaining(['sync_state', 'call_errors', 'calls_fts', 'call_results_tag']))
    db.close()
    expect(existsSync(join(dir, 'profile-1', 'reviews.db'))).toBe(true)
  })

  it('reopens an existing file without migrating again and keeps its data', () => {
    const temp = openTempCache()
    temp.cache.upsertTasks([makeTask(1)])
    temp.cache.upsertCallSummaries(1, [makeSummary(10)])
    temp.cache.saveReview({
      callInstanceId: 10,
      verdict: 'pass',
      score: 90,
      tags: [],
      text: '',
      comments: [],
      tagChecks: [],
    })
    const again = temp.reopen()
    expect(again.countCalls(1)).toBe(1)
    expect(again.getReview(10)?.verdict).toBe('pass')
    expect(again.integrityCheck()).toEqual({ cache: ['ok'], reviews: ['ok'] })
    again.close()
  })

  it('refuses a file written by a newer schema rather than misreading it', () => {
    const dir = tempDir()
    const path = join(dir, 'cache.db')
    new CallCache(path).close()
    const db = new Database(path)
    db.pragma(`user_version = ${cacheMigrations.length + 1}`)
    db.close()
    expect(() => new CallCache(path)).toThrow(/newer than this app knows/)
  })

  it('runs each migration once, in its own transaction: a failing step leaves the earlier ones applied', () => {
    const db = openDatabase(join(tempDir(), 'm.db'), 'NORMAL')
    const steps = [
      (d: typeof db) => d.exec('CREATE TABLE a (x)'),
      (d: typeof db) => d.exec('CREATE TABLE b (x); SELECT nope'),
    ]
    expect(() => migrate(db, steps, 'm.db')).toThrow()
    expect(schemaVersion(db)).toBe(1)
    expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'b'").pluck().get()).toBe(0)
    migrate(db, [steps[0]!, (d) => d.exec('CREATE TABLE b (x)')], 'm.db')
    migrate(db, [steps[0]!, (d) => d.exec('CREATE TABLE b (x)')], 'm.db')
    expect(schemaVersion(db)).toBe(2)
    db.close()
  })

  it('opens with a busy timeout and the requested durability', () => {
    const db = openDatabase(join(tempDir(), 'd.db'), 'FULL')
    expect(db.pragma('busy_timeout', { simple: true })).toBe(BUSY_TIMEOUT_MS)
    expect(db.pragma('synchronous', { simple: true })).toBe(2)
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1)
    db.close()
  })
})
