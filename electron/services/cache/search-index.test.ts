// Schema v6 (search-index.ts): the trigram index without its own copy of the text. A version-5
// file, written the way version-5 code wrote it, must search exactly as before once migrated.
import Database from 'better-sqlite3'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { registerBigramFunction } from './bigrams'
import { cacheMigrations } from './cache-schema'
import { CallCache } from './call-cache'
import { openDatabase, type Db } from './database'
import { migrate, schemaVersion } from './migrations'
import { SYNTHETIC_PHRASES, makeDetail, makeSummary, makeTask, tempDir } from '../../test-support/cache-fixtures'

const CALLS = 60
const TERMS = ['价格太贵', '客户1', '13800000007', '00000', '百应科技', '请问您', '加个微信吗', '不存在的词']

/** As version-5 code stored a call: the insert trigger writes name and phone, the detail the transcript. */
function writeV5Call(db: Db, id: number): void {
  db.prepare(
    `INSERT INTO calls (call_id, task_id, customer_name, customer_telephone, start_time, fingerprint, listed_at)
     VALUES (?, 1, ?, ?, ?, 'f', '2026-03-01T00:00:00Z')`,
  ).run(id, id % 7 === 0 ? null : `客户${id}`, `138${String(id).padStart(8, '0')}`, `2026-03-01 08:${id % 60}:00`)
  const lines = Array.from({ length: id % 5 }, (_, i) => SYNTHETIC_PHRASES[(id * 7 + i) % SYNTHETIC_PHRASES.length]!)
  const insertLine = db.prepare(
    `INSERT INTO transcript_lines (call_id, ord, line_index, speaker, content, start_ms, end_ms, inferred)
     VALUES (?, ?, ?, ?, ?, ?, ?, 0)`,
  )
  lines.forEach((content, ord) => insertLine.run(id, ord, ord, ord % 2 ? 'customer' : 'ai', content, ord, ord + 1))
  db.prepare('UPDATE calls_fts SET transcript = ? WHERE rowid = ?').run(lines.join('\n'), id)
  db.prepare(
    `INSERT OR REPLACE INTO calls_bigrams (rowid, text) SELECT rowid,
       bigram_text(customer_name || char(10) || customer_telephone || char(10) || transcript) FROM calls_fts WHERE rowid = ?`,
  ).run(id)
}

function matches(db: Db): Record<string, number[]> {
  const query = db.prepare<[string], number>('SELECT rowid FROM calls_fts(?) ORDER BY rowid').pluck()
  return Object.fromEntries(TERMS.map((term) => [term, query.all(`"${term}"`)]))
}

function rows(db: Db, table: string): unknown[] {
  return db.prepare(`SELECT * FROM ${table} ORDER BY 1, 2`).all()
}

describe('schema v6: the contentless trigram index', () => {
  it('migrates a version-5 file so every term matches the same calls, keeping every call row', () => {
    const path = join(tempDir(), 'cache.db')
    const v5 = openDatabase(path, 'NORMAL')
    registerBigramFunction(v5)
    migrate(v5, cacheMigrations.slice(0, 5), path)
    v5.transaction(() => {
      for (let id = 1; id <= CALLS; id++) writeV5Call(v5, id)
    })()
    const before = matches(v5)
    const tables = ['calls', 'transcript_lines', 'call_results']
    const stored = tables.map((table) => rows(v5, table))
    v5.close()
    // Every term is a real test: some match several calls, one matches none.
    expect(Object.values(before).filter((ids) => ids.length > 1).length).toBeGreaterThan(3)
    expect(before['不存在的词']).toEqual([])

    // The index as v6 left it (v8 rebuilds it over the distinct line texts: checked below through the app).
    const db = openDatabase(path, 'NORMAL')
    registerBigramFunction(db)
    migrate(db, cacheMigrations.slice(0, 6), path)
    expect(schemaVersion(db)).toBe(6)
    expect(matches(db)).toEqual(before)
    expect(tables.map((table) => rows(db, table))).toEqual(stored)
    // The index kept no copy of the text, and its own structure checks out.
    expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'calls_fts_content'").pluck().get()).toBe(0)
    expect(() =>
      db.prepare("INSERT INTO calls_fts (calls_fts, rank) VALUES ('integrity-check', 0)").run(),
    ).not.toThrow()
    db.close()

    // And on to the latest schema: the app's search finds the same calls for every term.
    const cache = new CallCache(path)
    for (const term of TERMS) {
      const found = cache.queryCalls({ text: term }, undefined, { offset: 0, limit: CALLS }).rows
      expect(
        found.map((row) => row.callInstanceId).sort((a, b) => a - b),
        term,
      ).toEqual(before[term])
    }
    expect(cache.integrityCheck().cache).toEqual(['ok'])
    cache.close()
    const latest = new Database(path)
    expect(schemaVersion(latest)).toBe(cacheMigrations.length)
    expect(tables.map((table) => rows(latest, table))).toEqual(stored)
    latest.close()
  })

  it('follows a call through its detail, a renamed customer and its removal', () => {
    const path = join(tempDir(), 'cache.db')
    const cache = new CallCache(path)
    cache.upsertTasks([makeTask(1)])
    const summary = makeSummary(5, { customerName: '欧阳娜娜' })
    cache.upsertCallSummaries(1, [summary])
    cache.saveCallDetail(makeDetail(summary, ['您好这里是房产顾问', '首付太高了']))
    const total = (text: string) => cache.queryCalls({ text }).total
    expect([total('房产顾问'), total('首付太高'), total('欧阳娜'), total('首付')]).toEqual([1, 1, 1, 1])
    // The end of one line and the start of the next are not one text.
    expect(total('顾问首付')).toBe(0)
    cache.upsertCallSummaries(1, [makeSummary(5, { customerName: '司马相如' })])
    expect([total('欧阳娜'), total('司马相'), total('房产顾问')]).toEqual([0, 1, 1])
    cache.removeCalls([5])
    expect([total('司马相'), total('房产顾问'), total('首付')]).toEqual([0, 0, 0])
    cache.close()
  })
})
