// Schema v8 (interned-lines.ts): transcript texts stored once each. A version-7 file must read and
// search exactly as before once migrated, and the texts must always be exactly those the stored
// lines use (none kept after its last line goes), whatever writes the lines.
import Database from 'better-sqlite3'
import fc from 'fast-check'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { TranscriptLine } from '../../shared/contract/domain'
import { REFRESH_BIGRAMS, registerBigramFunction } from './bigrams'
import { cacheMigrations } from './cache-schema'
import { CallCache } from './call-cache'
import { openDatabase, type Db } from './database'
import { migrate, schemaVersion } from './migrations'
import { REFRESH_CALL_FTS } from './search-index'
import {
  SYNTHETIC_PHRASES,
  makeDetail,
  makeSummary,
  makeTask,
  openTempCache,
  tempDir,
} from '../../test-support/cache-fixtures'

const CALLS = 60
const TERMS = [
  '价格太贵',
  '客户1',
  '13800000007',
  '00000',
  '百应科技',
  '请问您',
  '加个微信吗',
  '价格',
  '贵',
  '不存在的词',
]
const SPEAKERS: TranscriptLine['speaker'][] = ['ai', 'customer', 'other']

/** As version-7 code stored a call: the row, its lines, then both search indexes from the lines. */
function writeV7Call(db: Db, id: number): void {
  db.prepare(
    `INSERT INTO calls (call_id, task_id, customer_name, customer_telephone, start_time, fingerprint, listed_at)
     VALUES (?, 1, ?, ?, ?, 'f', '2026-03-01T00:00:00Z')`,
  ).run(id, id % 7 === 0 ? null : `客户${id}`, `138${String(id).padStart(8, '0')}`, `2026-03-01 08:${id % 60}:00`)
  const insertLine = db.prepare(
    `INSERT INTO transcript_lines (call_id, ord, line_index, speaker, content, start_ms, end_ms, inferred, user_mean, ai_unknown)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  )
  for (let ord = 0; ord < id % 5; ord++) {
    // Scripted lines repeat across calls; every fourth call's customer also says something of its own.
    const content = ord === 1 && id % 4 === 0 ? `我是第${id}位客户` : SYNTHETIC_PHRASES[(id * 7 + ord) % 12]!
    const aiUnknown = ord % 3 === 0 ? null : ord % 2
    insertLine.run(
      id,
      ord,
      ord + 10,
      SPEAKERS[(id + ord) % 3],
      content,
      ord * 100,
      ord * 100 + 50,
      ord % 2,
      ord === 2 ? '肯定' : null,
      aiUnknown,
    )
  }
  db.prepare(`${REFRESH_CALL_FTS} WHERE call_id = ?`).run(id)
  db.prepare(`${REFRESH_BIGRAMS} WHERE call_id = ?`).run(id)
}

/** What the v7 indexes match for a term (trigram for 3+ characters, else the bigram index). */
function v7Matches(db: Db): Record<string, number[]> {
  const trigram = db.prepare<[string], number>('SELECT rowid FROM calls_fts(?) ORDER BY rowid').pluck()
  const bigram = db.prepare<[string], number>('SELECT rowid FROM calls_bigrams(?) ORDER BY rowid').pluck()
  return Object.fromEntries(
    TERMS.map((term) => {
      const chars = [...term].length
      return [term, chars >= 3 ? trigram.all(`"${term}"`) : bigram.all(chars === 2 ? `"${term}"` : `"${term}"*`)]
    }),
  )
}

function appMatches(cache: CallCache): Record<string, number[]> {
  return Object.fromEntries(
    TERMS.map((term) => [
      term,
      cache
        .queryCalls({ text: term }, {}, { offset: 0, limit: 500 })
        .rows.map((row) => row.callInstanceId)
        .sort((a, b) => a - b),
    ]),
  )
}

const LINES = 'SELECT * FROM transcript_lines ORDER BY call_id, ord'

/** The interned texts, and those the lines use with how often: always equal. */
function texts(db: Db): { kept: unknown[]; used: unknown[] } {
  return {
    kept: db.prepare('SELECT content, refs FROM line_texts ORDER BY content').all(),
    used: db
      .prepare(
        'SELECT x.content, count(*) AS refs FROM call_lines l JOIN line_texts x USING (text_id) GROUP BY 1 ORDER BY 1',
      )
      .all(),
  }
}

describe('schema v8: interned transcript texts', () => {
  it('migrates a version-7 file line for line, so every transcript reads and every term matches as before', () => {
    const path = join(tempDir(), 'cache.db')
    const v7 = openDatabase(path, 'NORMAL')
    registerBigramFunction(v7)
    migrate(v7, cacheMigrations.slice(0, 7), path)
    v7.transaction(() => {
      for (let id = 1; id <= CALLS; id++) writeV7Call(v7, id)
    })()
    const before = v7Matches(v7)
    const lines = v7.prepare(LINES).all()
    const distinct = v7.prepare('SELECT count(DISTINCT content) FROM transcript_lines').pluck().get() as number
    v7.close()
    // Every term is a real test: most match several calls, one matches none.
    expect(Object.values(before).filter((ids) => ids.length > 1).length).toBeGreaterThan(5)
    expect(before['不存在的词']).toEqual([])

    const cache = new CallCache(path)
    expect(appMatches(cache)).toEqual(before)
    const transcript = cache.getCall(8)!.call.transcript
    expect(transcript.map((l) => [l.index, l.speaker, l.content, l.userMean, l.aiUnknown])).toEqual([
      [10, SPEAKERS[8 % 3], SYNTHETIC_PHRASES[56 % 12], null, null],
      [11, SPEAKERS[9 % 3], '我是第8位客户', null, true],
      [12, SPEAKERS[10 % 3], SYNTHETIC_PHRASES[58 % 12], '肯定', false],
    ])
    expect(cache.integrityCheck().cache).toEqual(['ok'])
    cache.close()

    const db = new Database(path)
    expect(schemaVersion(db)).toBe(cacheMigrations.length)
    expect(db.prepare(LINES).all()).toEqual(lines)
    expect(db.prepare('SELECT count(*) FROM line_texts').pluck().get()).toBe(distinct)
    const { kept, used } = texts(db)
    expect(kept).toEqual(used)
    db.close()
  })

  it('indexes a text another connection wrote: longer terms at once, 1–2 characters once the cache opens again', () => {
    const temp = openTempCache()
    temp.cache.upsertTasks([makeTask(1)])
    const summary = makeSummary(7)
    temp.cache.upsertCallSummaries(1, [summary])
    temp.cache.saveCallDetail(makeDetail(summary, ['您好', '在吗']))
    const raw = new Database(join(temp.dir, 'profile-1', 'cache.db'))
    raw.prepare("UPDATE transcript_lines SET content = '首付太高了' WHERE call_id = 7 AND ord = 1").run()
    raw.close()
    const total = (text: string) => temp.cache.queryCalls({ text }).total
    expect([total('首付太高'), total('首付'), total('在吗')]).toEqual([1, 0, 0])
    const again = temp.reopen()
    expect([again.queryCalls({ text: '首付' }).total, again.queryCalls({ text: '高' }).total]).toEqual([1, 1])
    again.close()
  })

  it('keeps exactly the texts the stored lines use through saves, replaced transcripts, edits and removals', () => {
    const phrase = fc.constantFrom(...SYNTHETIC_PHRASES.slice(0, 5), '独一无二的话')
    const op = fc.oneof(
      fc.record({
        kind: fc.constant('save' as const),
        id: fc.integer({ min: 1, max: 8 }),
        lines: fc.array(phrase, { maxLength: 4 }),
      }),
      fc.record({ kind: fc.constant('remove' as const), id: fc.integer({ min: 1, max: 8 }) }),
      fc.record({ kind: fc.constant('edit' as const), id: fc.integer({ min: 1, max: 8 }), text: phrase }),
    )
    fc.assert(
      fc.property(fc.array(op, { minLength: 1, maxLength: 12 }), (ops) => {
        const path = join(tempDir(), 'cache.db')
        const cache = new CallCache(path)
        cache.upsertTasks([makeTask(1)])
        const expected = new Map<number, string[]>()
        for (const o of ops) {
          if (o.kind === 'save') {
            const summary = makeSummary(o.id)
            cache.upsertCallSummaries(1, [summary])
            cache.saveCallDetail(makeDetail(summary, o.lines))
            expected.set(o.id, [...o.lines])
          } else if (o.kind === 'remove') {
            cache.removeCalls([o.id])
            expected.delete(o.id)
          } else if ((expected.get(o.id)?.length ?? 0) > 0) {
            // A write through the view (as tests and tools do): the old text's use goes with it.
            const raw = new Database(path)
            raw.prepare('UPDATE transcript_lines SET content = ? WHERE call_id = ? AND ord = 0').run(o.text, o.id)
            raw.close()
            expected.get(o.id)![0] = o.text
          }
        }
        for (const [id, lines] of expected)
          expect(cache.getCall(id)?.call.transcript.map((l) => l.content)).toEqual(lines)
        cache.close()
        new CallCache(path).close() // opening indexes the texts the raw connection wrote
        const db = new Database(path)
        const { kept, used } = texts(db)
        // The texts' indexes hold exactly the kept texts: a gone text's tokens match nothing.
        const ids = db.prepare('SELECT text_id AS id, content FROM line_texts').all() as {
          id: number
          content: string
        }[]
        const containing = (part: string) =>
          ids
            .filter((t) => t.content.includes(part))
            .map((t) => t.id)
            .sort((a, b) => a - b)
        for (const phrase of [...SYNTHETIC_PHRASES.slice(0, 5), '独一无二的话']) {
          const trigram = db.prepare('SELECT rowid FROM line_texts_fts(?) ORDER BY rowid').pluck()
          expect(trigram.all(`"${phrase}"`), phrase).toEqual(containing(phrase))
          const pair = [...phrase].slice(0, 2).join('')
          const bigram = db.prepare('SELECT rowid FROM line_texts_bigrams(?) ORDER BY rowid').pluck()
          expect(bigram.all(`"${pair}"`), pair).toEqual(containing(pair))
        }
        db.close()
        expect(kept).toEqual(used)
        expect(kept.map((row) => (row as { content: string }).content)).toEqual(
          [...new Set([...expected.values()].flat())].sort(),
        )
      }),
      { numRuns: 25 },
    )
  })
})
