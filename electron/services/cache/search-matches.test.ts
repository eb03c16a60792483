// The search over the distinct line texts (schema v8, search-matches.ts) must find exactly the
// calls the per-call index of v7 found, for any data and any terms: the page, its total and the
// facet counts, whether the matches come from SQL (the data just changed) or from the calls' text
// ids in memory (it holds still). The reference is v7's index, built beside the cache from the same
// calls (name, phone, lines joined by newlines) and queried as v7 queried it.
import Database from 'better-sqlite3'
import fc from 'fast-check'
import { afterEach, describe, expect, it } from 'vitest'
import { callSortSchema } from '../../shared/contract/calls'
import { BIGRAM_TOKENIZER, bigramQuery, registerBigramFunction } from './bigrams'
import type { CallCache } from './call-cache'
import { orderBySql, ordering } from './call-order'
import type { Db } from './database'
import { ftsPhrase, searchTerms } from './sql-text'
import { intent, makeDetail, makeSummary, makeTask, openTempCache } from '../../test-support/cache-fixtures'

/** Few characters, so that random terms often match; upper and lower case, which both indexes fold. */
const CHARS = ['价', '格', '太', '贵', '微', '信', 'a', 'B', 'b', '1', '2']
const LEVELS = ['A', 'B', 'C']
const SORT = callSortSchema.parse({ field: 'startTime', direction: 'desc' })

const word = (min: number, max: number) =>
  fc.array(fc.constantFrom(...CHARS), { minLength: min, maxLength: max }).map((chars) => chars.join(''))

const callData = fc.record({
  name: fc.option(word(1, 4), { nil: null }),
  lines: fc.array(fc.nat(30), { maxLength: 5 }),
  level: fc.constantFrom(...LEVELS),
  note: fc.option(word(2, 5), { nil: undefined }),
})

const dataset = fc.record({
  // A script of lines said again and again, and lines only one call says (index ≥ 20).
  script: fc.array(word(1, 8), { minLength: 20, maxLength: 20 }),
  calls: fc.array(callData, { minLength: 1, maxLength: 60 }),
  // Terms of 1–4 characters (bigram and trigram), some two at once; one with a LIKE-only term.
  texts: fc.array(
    fc.oneof(
      word(1, 4),
      fc.tuple(word(1, 3), word(1, 3)).map(([a, b]) => `${a} ${b}`),
      word(1, 2).map((w) => `${w} %`),
    ),
    { minLength: 1, maxLength: 6 },
  ),
})

type Dataset = typeof dataset extends fc.Arbitrary<infer T> ? T : never

interface Stored {
  id: number
  name: string | null
  phone: string
  lines: string[]
  level: string
  note?: string
}

/** v7's index over the same calls, in memory. */
function referenceIndex(calls: readonly Stored[]): Db {
  const ref = new Database(':memory:')
  registerBigramFunction(ref)
  ref.exec(`CREATE VIRTUAL TABLE f USING fts5(customer_name, customer_telephone, transcript, tokenize = 'trigram');
    CREATE VIRTUAL TABLE b USING fts5(text, tokenize = "${BIGRAM_TOKENIZER}", detail = none)`)
  const insert = ref.prepare('INSERT INTO f (rowid, customer_name, customer_telephone, transcript) VALUES (?, ?, ?, ?)')
  for (const c of calls) insert.run(c.id, c.name ?? '', c.phone, c.lines.join('\n'))
  ref.exec(`INSERT INTO b (rowid, text) SELECT rowid,
    bigram_text(customer_name || char(10) || customer_telephone || char(10) || transcript) FROM f`)
  return ref
}

/** The calls a text matches as v7 matched them: every indexed term by its index or the note, other terms by LIKE. */
function referenceMatches(ref: Db, calls: readonly Stored[], text: string): Set<number> {
  let ids = new Set(calls.map((c) => c.id))
  for (const term of searchTerms(text)) {
    const fold = (s: string) => s.toLowerCase()
    const inNote = (c: Stored) => c.note !== undefined && fold(c.note).includes(fold(term))
    const bigrams = bigramQuery(term)
    let found: Set<number>
    if ([...term].length >= 3) {
      found = new Set(ref.prepare('SELECT rowid FROM f(?)').pluck().all(ftsPhrase(term)) as number[])
    } else if (bigrams !== null) {
      found = new Set(ref.prepare('SELECT rowid FROM b(?)').pluck().all(bigrams) as number[])
    } else {
      // A LIKE term: a plain substring of the name, phone or a line (ASCII case folded, as LIKE does).
      found = new Set(
        calls
          .filter((c) => [c.name ?? '', c.phone, ...c.lines].some((s) => fold(s).includes(fold(term))))
          .map((c) => c.id),
      )
    }
    for (const c of calls) if (inNote(c)) found.add(c.id)
    ids = new Set([...ids].filter((id) => found.has(id)))
  }
  return ids
}

function fill(cache: CallCache, data: Dataset): Stored[] {
  cache.upsertTasks([makeTask(1)])
  const calls = data.calls.map((c, i): Stored => {
    const id = 100 + i
    const lines = c.lines.map((n) => (n < 20 ? data.script[n]! : `${data.script[n % 20]}${id}`))
    return { id, name: c.name, phone: `1380000${String(id).padStart(4, '0')}`, lines, level: c.level, note: c.note }
  })
  for (const c of calls) {
    const summary = makeSummary(c.id, {
      customerName: c.name,
      customerTelephone: c.phone,
      startTime: `2026-03-0${1 + (c.id % 5)} 10:00:00`,
      results: [intent(c.level)],
    })
    cache.upsertCallSummaries(1, [summary])
    cache.saveCallDetail(makeDetail(summary, c.lines))
    if (c.note !== undefined) cache.saveReview({ callInstanceId: c.id, verdict: null, text: c.note })
  }
  return calls
}

function expectSameAsReference(cache: CallCache, ref: Db, calls: readonly Stored[], text: string): void {
  const expected = referenceMatches(ref, calls, text)
  const page = cache.queryCalls({ text }, SORT, { offset: 0, limit: 200 })
  const order = ref.prepare(
    `SELECT c.call_id FROM calls c WHERE c.call_id IN (SELECT value FROM json_each(?)) ${orderBySql(ordering(SORT))}`,
  )
  expect(page.total, text).toBe(expected.size)
  expect(
    page.rows.map((r) => r.callInstanceId),
    text,
  ).toEqual(order.pluck().all(JSON.stringify([...expected])))
  // The export's pages walk the sort order with search_matched alone (no temp table to start from).
  expect(cache.callIdPage({ text }, SORT, null, 200).callIds, text).toEqual(page.rows.map((r) => r.callInstanceId))
  const facets = cache.facets({ text })
  expect(facets.total, text).toBe(expected.size)
  const levels = new Map<string, number>()
  for (const c of calls) if (expected.has(c.id)) levels.set(c.level, (levels.get(c.level) ?? 0) + 1)
  const counted = facets.results.find((r) => r.name === intent('A').name)?.values ?? []
  expect(Object.fromEntries(counted.map((v) => [v.value, v.count])), text).toEqual(Object.fromEntries(levels))
}

describe('search over the distinct line texts', () => {
  let opened: { cache: CallCache; ref: Db } | null = null
  afterEach(() => {
    opened?.cache.close()
    opened?.ref.close()
    opened = null
  })

  it('finds exactly what the per-call index found: page, total and facets, from SQL and from memory', () => {
    fc.assert(
      fc.property(dataset, (data) => {
        opened?.cache.close()
        opened?.ref.close()
        const { cache } = openTempCache()
        const calls = fill(cache, data)
        const ref = referenceIndex(calls)
        // The reference's calls table, for ordering the expected page as the list orders it.
        ref.exec(`CREATE TABLE calls (call_id INTEGER PRIMARY KEY, start_time TEXT)`)
        const insert = ref.prepare('INSERT INTO calls VALUES (?, ?)')
        for (const c of calls) insert.run(c.id, `2026-03-0${1 + (c.id % 5)} 10:00:00`)
        opened = { cache, ref }
        for (const text of data.texts) {
          // Just after a write the matches come from SQL; asked again, from the calls' texts in memory.
          cache.markTaskSynced(1, calls.length, new Date().toISOString())
          expectSameAsReference(cache, ref, calls, text)
          cache.queryCalls({ text: '无关' }, SORT, { offset: 0, limit: 1 })
          expectSameAsReference(cache, ref, calls, text)
        }
      }),
      { numRuns: 30 },
    )
  })
})
