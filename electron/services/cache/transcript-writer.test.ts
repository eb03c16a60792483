// CallStore writes a call's lines straight into call_lines (transcript-writer.ts); the reference is
// the way every line was written before, one INSERT through the transcript_lines view's triggers
// each, then the new texts' bigram rows. For any sequence of saves, re-saves and removals both
// caches must hold the same rows: lines (text ids and SQLite types included), texts with their
// use counts, no text left waiting for its index, the same index matches and the same searches.
import Database from 'better-sqlite3'
import fc from 'fast-check'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { TranscriptLine } from '../../shared/contract/domain'
import { registerBigramFunction } from './bigrams'
import type { CallCache } from './call-cache'
import type { Db } from './database'
import { INDEX_NEW_TEXTS, INDEX_NEW_TEXT_STEPS } from './text-search-index'
import { makeDetail, makeSummary, makeTask, openTempCache, type TempCache } from '../../test-support/cache-fixtures'

/** Few characters, so that texts repeat within and across calls and short terms match often. */
const CHARS = ['价', '格', '太', '贵', '微', '信', 'a', 'B', '1', ' ']
const word = fc.array(fc.constantFrom(...CHARS), { minLength: 1, maxLength: 6 }).map((c) => c.join(''))
/** Texts a bound parameter and JSON could disagree on: quotes, escapes, NUL, lone surrogates, empty. */
const oddText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 6 }),
  fc.constantFrom('', '"', '\\', '\u0000x', '\ud800', 'a\nb', '[1]'),
)
const number = fc.oneof(
  fc.integer({ min: -5, max: 4_000_000 }),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(-0, 2 ** 53, 1e21),
)

const line: fc.Arbitrary<TranscriptLine> = fc.record({
  index: number,
  speaker: fc.constantFrom('ai', 'customer', 'other'),
  content: fc.oneof({ weight: 4, arbitrary: word }, { weight: 1, arbitrary: oddText }),
  startMs: number,
  endMs: number,
  inferred: fc.boolean(),
  userMean: fc.option(word, { nil: null }),
  aiUnknown: fc.option(fc.boolean(), { nil: null }),
})

const op = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('save' as const),
      id: fc.integer({ min: 1, max: 6 }),
      lines: fc.array(line, { maxLength: 8 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('remove' as const), id: fc.integer({ min: 1, max: 6 }) }) },
)

const open: TempCache[] = []
const raws: Db[] = []
afterEach(() => {
  for (const raw of raws.splice(0)) raw.close()
  for (const temp of open.splice(0)) temp.cache.close()
})

function cacheFile(temp: TempCache): string {
  return join(temp.dir, 'profile-1', 'cache.db')
}

/** The stored state both ways of writing must agree on, read with each value's SQLite type. */
function state(db: Db): unknown {
  const typed = (columns: string[]) => columns.map((c) => `typeof(${c}) AS ${c}_type, ${c}`).join(', ')
  return {
    lines: db
      .prepare(
        `SELECT call_id, ord, ${typed(['line_index', 'speaker', 'text_id', 'start_ms', 'end_ms', 'inferred', 'user_mean', 'ai_unknown'])}
         FROM call_lines ORDER BY call_id, ord`,
      )
      .all(),
    texts: db.prepare('SELECT text_id, hex(content) AS content, refs FROM line_texts ORDER BY text_id').all(),
    waiting: db.prepare('SELECT count(*) FROM line_texts_unindexed').pluck().get(),
  }
}

/** Which texts each index finds for every 1–3 character run of the alphabet's words (a term never has a space). */
function indexMatches(db: Db, terms: readonly string[]): Record<string, number[]> {
  const trigram = db.prepare<[string], number>('SELECT rowid FROM line_texts_fts(?) ORDER BY rowid').pluck()
  const bigram = db.prepare<[string], number>('SELECT rowid FROM line_texts_bigrams(?) ORDER BY rowid').pluck()
  return Object.fromEntries(
    terms.map((term) => {
      const chars = [...term].length
      const ids = chars >= 3 ? trigram.all(`"${term}"`) : bigram.all(chars === 2 ? `"${term}"` : `"${term}"*`)
      return [term, ids]
    }),
  )
}

function searches(cache: CallCache, terms: readonly string[]): Record<string, number[]> {
  return Object.fromEntries(
    terms.map((text) => [
      text,
      cache
        .queryCalls({ text }, {}, { offset: 0, limit: 100 })
        .rows.map((row) => row.callInstanceId)
        .sort((a, b) => a - b),
    ]),
  )
}

const TERMS = (() => {
  const letters = CHARS.filter((c) => c !== ' ')
  const pairs = letters.flatMap((a) => letters.map((b) => a + b))
  return [...letters, ...pairs, '价格太', '太贵a', 'aB1', '贵贵贵']
})()

describe('CallStore writes transcripts straight into call_lines', () => {
  it('stores, replaces and removes lines exactly as writing them through the view did', () => {
    fc.assert(
      fc.property(fc.array(op, { minLength: 1, maxLength: 10 }), (ops) => {
        const direct = openTempCache({ warmUp: false })
        const viaView = openTempCache({ warmUp: false })
        open.push(direct, viaView)
        const raw = new Database(cacheFile(viaView))
        raws.push(raw)
        registerBigramFunction(raw)
        const deleteLines = raw.prepare('DELETE FROM transcript_lines WHERE call_id = ?')
        const insertLine = raw.prepare(
          `INSERT INTO transcript_lines (call_id, ord, line_index, speaker, content, start_ms, end_ms, inferred, user_mean, ai_unknown)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        for (const temp of [direct, viaView]) temp.cache.upsertTasks([makeTask(1)])
        for (const o of ops) {
          if (o.kind === 'remove') {
            for (const temp of [direct, viaView]) temp.cache.removeCalls([o.id])
            continue
          }
          const summary = makeSummary(o.id)
          const detail = makeDetail(summary, [], { transcript: o.lines })
          for (const temp of [direct, viaView]) temp.cache.upsertCallSummaries(1, [summary])
          direct.cache.saveCallDetail(detail)
          // The old write: the lines deleted and inserted through the view, then the new texts' bigrams.
          deleteLines.run(o.id)
          viaView.cache.saveCallDetail({ ...detail, transcript: [] })
          raw.transaction(() => {
            o.lines.forEach((l, ord) =>
              insertLine.run(
                o.id,
                ord,
                l.index,
                l.speaker,
                l.content,
                l.startMs,
                l.endMs,
                l.inferred ? 1 : 0,
                l.userMean,
                l.aiUnknown === null ? null : l.aiUnknown ? 1 : 0,
              ),
            )
            raw.exec(INDEX_NEW_TEXTS)
          })()
        }
        const directDb = new Database(cacheFile(direct))
        raws.push(directDb)
        expect(state(directDb)).toEqual(state(raw))
        expect(indexMatches(directDb, TERMS)).toEqual(indexMatches(raw, TERMS))
        expect(searches(direct.cache, TERMS)).toEqual(searches(viaView.cache, TERMS))
        // Kept texts are exactly the ones the lines use, each counted once a line.
        const refs = directDb
          .prepare(
            `SELECT x.text_id, x.refs, (SELECT count(*) FROM call_lines l WHERE l.text_id = x.text_id) AS used
             FROM line_texts x`,
          )
          .all() as { refs: number; used: number }[]
        for (const row of refs) expect(row.refs).toBe(row.used)
        expect(refs.every((row) => row.used > 0)).toBe(true)
      }),
      { numRuns: 40 },
    )
  })

  it('rejects a line whose speaker the contract does not know, and leaves the call as it was', () => {
    const temp = openTempCache({ warmUp: false })
    open.push(temp)
    temp.cache.upsertTasks([makeTask(1)])
    const summary = makeSummary(3)
    temp.cache.upsertCallSummaries(1, [summary])
    temp.cache.saveCallDetail(makeDetail(summary, ['您好', '在吗']))
    const bad = makeDetail(summary, ['新的话'])
    bad.transcript[0]!.speaker = 'robot' as TranscriptLine['speaker']
    expect(() => temp.cache.saveCallDetail(bad)).toThrow(/NOT NULL constraint failed: call_lines\.speaker/)
    expect(temp.cache.getCall(3)?.call.transcript.map((l) => l.content)).toEqual(['您好', '在吗'])
    expect(temp.cache.queryCalls({ text: '新的' }).total).toBe(0)
  })

  it('finds the texts waiting for their bigram rows from the waiting list, never by reading every text', () => {
    // A stored call's few new texts must not cost a pass over all of them (millions at 1M calls):
    // without statistics the planner put line_texts in the outer loop.
    const temp = openTempCache({ warmUp: false })
    open.push(temp)
    const db = new Database(cacheFile(temp))
    raws.push(db)
    registerBigramFunction(db)
    const plan = db
      .prepare(`EXPLAIN QUERY PLAN ${INDEX_NEW_TEXT_STEPS[0]}`)
      .all()
      .map((row) => (row as { detail: string }).detail)
    expect(plan).toEqual(['SCAN u', 'SEARCH x USING INTEGER PRIMARY KEY (rowid=?)'])
  })

  it("adds a call's new texts to the trigram index as one segment, not one a line", () => {
    // Each statement after an FTS5 write flushes its pending rows as a segment of their own, which
    // later merges pay for: through the view every line was a statement.
    const temp = openTempCache({ warmUp: false })
    open.push(temp)
    temp.cache.upsertTasks([makeTask(1)])
    const summary = makeSummary(5)
    temp.cache.upsertCallSummaries(1, [summary])
    const db = new Database(cacheFile(temp))
    raws.push(db)
    const rows = db.prepare('SELECT count(*) FROM line_texts_fts_data').pluck()
    const before = rows.get() as number
    temp.cache.saveCallDetail(
      makeDetail(summary, ['一二三四', '五六七八', '九十百千', '甲乙丙丁', '子丑寅卯', '东南西北']),
    )
    expect((rows.get() as number) - before).toBe(1)
  })
})
