import Database from 'better-sqlite3'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { registerBigramFunction } from './bigrams'
import { cacheMigrations } from './cache-schema'
import { CallCache } from './call-cache'
import { BUSY_TIMEOUT_MS, openDatabase } from './database'
import { migrate, schemaVersion } from './migrations'
import { makeSummary, makeTask, openTempCache, tempDir } from '../../test-support/cache-fixtures'

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
      expect.arrayContaining([
        'tasks',
        'calls',
        'call_results',
        'call_lines',
        'line_texts',
        'recordings',
        'not_dialed',
      ]),
    )
    // Since v8 the transcript's old table is a view over the interned lines (interned-lines.ts).
    expect(db.prepare("SELECT type FROM sqlite_master WHERE name = 'transcript_lines'").pluck().get()).toBe('view')
    expect(tables).toEqual(
      expect.arrayContaining(['sync_state', 'call_errors', 'calls_fts', 'tag_sets', 'tag_set_members', 'calls_facet']),
    )
    expect(tables).not.toContain('call_results_tag') // replaced by tag sets in v2
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

  it('gives every call of a version-1 file its tag set and bigram row when migrating it', () => {
    const dir = tempDir()
    const path = join(dir, 'cache.db')
    const v1 = openDatabase(path, 'NORMAL')
    migrate(v1, cacheMigrations.slice(0, 1), path)
    const insertCall = v1.prepare(
      "INSERT INTO calls (call_id, task_id, fingerprint, listed_at) VALUES (?, 1, 'f', '2026-03-01T00:00:00Z')",
    )
    const insertResult = v1.prepare('INSERT INTO call_results (call_id, ord, name, value) VALUES (?, ?, ?, ?)')
    for (const id of [1, 2, 3]) insertCall.run(id)
    v1.prepare("UPDATE calls SET customer_name = '李雷' WHERE call_id = 3").run()
    insertResult.run(1, 0, '意向', 'A')
    insertResult.run(1, 1, '有房', '是')
    insertResult.run(2, 0, '有房', '是') // the same pairs in another order: the same set
    insertResult.run(2, 1, '意向', 'A')
    insertResult.run(3, 0, '意向', 'B')
    v1.close()

    const cache = new CallCache(path)
    expect(cache.facets({}).results).toEqual([
      {
        name: '意向',
        values: [
          { value: 'A', count: 2 },
          { value: 'B', count: 1 },
        ],
      },
      { name: '有房', values: [{ value: '是', count: 2 }] },
    ])
    expect(cache.queryCalls({ text: '雷' }).rows.map((r) => r.callInstanceId)).toEqual([3]) // the bigram index
    expect(cache.queryCalls({ tags: [{ name: '意向', values: ['A'] }] }).rows.map((r) => r.callInstanceId)).toEqual([
      2, 1,
    ])
    cache.close()
    const db = new Database(path, { readonly: true })
    expect(db.prepare('SELECT count(*) FROM tag_sets').pluck().get()).toBe(2)
    expect(db.prepare('SELECT count(*) FROM calls WHERE tag_set_id IS NULL').pluck().get()).toBe(0)
    db.close()
  })

  it('upgrades a version-2 file to mark unavailable recordings, keeping its calls', () => {
    const dir = tempDir()
    const path = join(dir, 'cache.db')
    const v2 = openDatabase(path, 'NORMAL')
    registerBigramFunction(v2)
    migrate(v2, cacheMigrations.slice(0, 2), path)
    v2.prepare(
      "INSERT INTO calls (call_id, task_id, fingerprint, listed_at) VALUES (7, 1, 'f', '2026-03-01T00:00:00Z')",
    ).run()
    v2.close()

    const cache = new CallCache(path)
    expect(cache.queryCalls({}).rows).toEqual([
      expect.objectContaining({ callInstanceId: 7, recordingCached: false, recordingUnavailable: null }),
    ])
    expect(cache.getCall(7)?.unavailableRecordings).toEqual([])
    cache.close()
    const db = new Database(path, { readonly: true })
    // Brought up to date: version 3 and every step after it.
    expect(schemaVersion(db)).toBe(cacheMigrations.length)
    db.close()
  })

  it('upgrades a version-3 file to hold review queues, keeping its calls', () => {
    const dir = tempDir()
    const path = join(dir, 'cache.db')
    const v3 = openDatabase(path, 'NORMAL')
    registerBigramFunction(v3)
    migrate(v3, cacheMigrations.slice(0, 3), path)
    v3.prepare(
      "INSERT INTO calls (call_id, task_id, fingerprint, listed_at) VALUES (7, 1, 'f', '2026-03-01T00:00:00Z')",
    ).run()
    v3.close()

    const cache = new CallCache(path)
    expect(cache.queues.list()).toEqual([])
    expect(cache.queues.candidates(1, [{ kind: 'duration' }]).map((c) => c.callInstanceId)).toEqual([7])
    cache.close()
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
