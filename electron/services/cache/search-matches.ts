// The calls a search text's indexed terms match, kept while the terms and the data stay the same.
// One filter change asks several questions (the first page, its total, the facet counts), and a
// common word matches a third of a million calls, so the matches are found once per text. Since
// schema v8 the indexes hold each distinct line text once (text-search-index.ts): a term gives the
// matching texts (a few ids), each call's name and phone, and the reviewer's notes; the calls using
// a matching text are found from each text's calls held in memory (call-texts.ts) once the data holds
// still, else by one pass over call_lines in SQL. Filters read the result through the SQL function
// search_matched(call_id); when the matches are few they are also in a temp table, for a page
// query to start from them instead of walking the whole sort order.
import { bigramQuery } from './bigrams'
import { TextCallsRead, registerCallTextsReader, type TextCalls } from './call-texts'
import { isIndexedTerm } from './call-filter-sql'
import type { CountColumns } from './count-columns'
import type { Db } from './database'
import type { DataVersion } from './data-version'
import type { MatchedCalls } from './matched-calls'
import { SlicedBuild, type Advance, type Slices } from './sliced-build'
import { ftsPhrase, likeContains, searchTerms } from './sql-text'
import { indexOfId } from './sorted-ids'

/** At most this many matches also go into the temp table a page can be driven from. */
export const FEW_MATCHES = 5000
const FEW_TABLE = 'temp.search_few'

interface TermQueries {
  /** Matching text ids. */
  texts: string
  /** Matching call ids by name or phone, or by the reviewer's note or comments. */
  calls: string
  params: { texts: unknown[]; calls: unknown[] }
}

// Reviews are few: a scan of their texts is cheap, and keeps the reviews file free of a second index.
function termQueries(term: string): TermQueries {
  const bigrams = bigramQuery(term)
  if (bigrams === null) {
    const phrase = ftsPhrase(term)
    return {
      texts: 'SELECT rowid FROM line_texts_fts(?)',
      calls: 'SELECT rowid FROM calls_fts(?) UNION ALL SELECT rowid FROM rv.review_fts(?)',
      params: { texts: [phrase], calls: [phrase, phrase] },
    }
  }
  const like = likeContains(term)
  return {
    texts: 'SELECT rowid FROM line_texts_bigrams(?)',
    calls: `SELECT rowid FROM calls_bigrams(?)
      UNION ALL SELECT rowid FROM rv.review_fts WHERE text LIKE ? ESCAPE '\\' OR comments LIKE ? ESCAPE '\\'`,
    params: { texts: [bigrams], calls: [bigrams, like, like] },
  }
}

/** The matches, either as flags over the counting columns' calls or as a set of call ids. */
type Held = { key: string; ids: Float64Array; flags: Uint8Array; count: number } | { key: string; set: Set<number> }

/** No columns to follow: the calls per text cannot be held (SQL finds a search's calls). */
const NO_TEXTS: Slices<TextCalls> = { step: () => true, result: () => null }

function matchCount(held: Held): number {
  return 'set' in held ? held.set.size : held.count
}

export class SearchMatches implements MatchedCalls {
  private held: Held | null = null
  /** The cache file's version at the previous prepare: the calls' texts are read once it holds still. */
  private lastFile: string | null = null
  /** The calls per text, built per cache file version over the columns' ids (the same version's). */
  private readonly texts: SlicedBuild<TextCalls>

  constructor(
    private readonly db: Db,
    private readonly version: DataVersion,
    /** The counting columns, whose call order the flags follow; without them matches are found in SQL. */
    private readonly columns?: CountColumns,
    textSlice?: number,
  ) {
    db.exec(`CREATE TEMP TABLE IF NOT EXISTS ${FEW_TABLE.split('.')[1]} (call_id INTEGER PRIMARY KEY)`)
    // Not deterministic: the same call's answer changes with the search prepared.
    db.function('search_matched', (id: unknown) => (this.matched(Number(id)) ? 1 : 0))
    const feed = registerCallTextsReader(db)
    this.texts = new SlicedBuild(
      () => version.cacheFile(),
      () => {
        const ids = columns?.callIds() ?? null
        return ids ? new TextCallsRead(db, ids, feed, textSlice) : NO_TEXTS
      },
    )
    columns?.matchesFrom(this)
  }

  /** The columns and the calls per text are built for the cache file as it is now. */
  ready(): boolean {
    return this.columns?.ready() === true && this.texts.ready()
  }

  /** One slice of building the calls per text ahead of any search (after the columns: their ids). */
  advance(): Advance {
    return this.texts.advance()
  }

  /** Drops a build in progress (the cache closes). */
  cancel(): void {
    this.texts.cancel()
  }

  /** Makes search_matched answer for the text's indexed terms; call it in the reading transaction. */
  prepare(text: string | undefined): void {
    const terms = searchTerms(text ?? '').filter(isIndexedTerm)
    const file = this.version.cacheFile()
    const settled = this.lastFile === file
    this.lastFile = file
    if (terms.length === 0) return
    const key = this.key(terms)
    if (this.held?.key === key) return
    // Built ahead (warm-up.ts) for this very data, they cost nothing to use even on the first
    // search after a write; otherwise they are read (or an ahead build finished) only once the
    // data holds still, and a search between a sync's writes stays one pass in SQL.
    const inMemory = settled || this.ready()
    const ids = inMemory ? (this.columns?.callIds() ?? null) : null
    const texts = ids ? this.texts.get() : null
    this.held = ids && texts ? this.flagsOf(key, terms, ids, texts) : { key, set: this.setOf(terms) }
    const held = this.held
    const few = matchCount(held) > FEW_MATCHES ? null : 'set' in held ? [...held.set] : this.listed(held)
    this.version.writingTemp(() => {
      this.db.prepare(`DELETE FROM ${FEW_TABLE}`).run()
      if (few !== null)
        this.db.prepare(`INSERT INTO ${FEW_TABLE} SELECT value FROM json_each(?)`).run(JSON.stringify(few))
    })
  }

  /**
   * A condition (over `calls c`) a page query may add to start from the matches when they are
   * few; '' when they are many (walking the sort order then meets the page's rows soon).
   */
  drivingCondition(text: string | undefined): string {
    const terms = searchTerms(text ?? '').filter(isIndexedTerm)
    if (terms.length === 0 || this.held?.key !== this.key(terms)) return ''
    return matchCount(this.held) <= FEW_MATCHES ? `c.call_id IN ${FEW_TABLE}` : ''
  }

  flagsFor(terms: readonly string[], ids: Float64Array): Uint8Array | null {
    const held = this.held
    if (held === null || held.key !== this.key(terms)) return null
    if ('flags' in held && held.ids === ids) return held.flags
    const flags = new Uint8Array(ids.length)
    if ('set' in held) {
      for (const id of held.set) {
        const i = indexOfId(ids, id)
        if (i >= 0) flags[i] = 1
      }
    } else {
      for (let i = 0; i < held.ids.length; i++) {
        if (held.flags[i] === 0) continue
        const j = indexOfId(ids, held.ids[i]!)
        if (j >= 0) flags[j] = 1
      }
    }
    return flags
  }

  private matched(id: number): boolean {
    const held = this.held
    if (held === null) return false
    if ('set' in held) return held.set.has(id)
    const i = indexOfId(held.ids, id)
    return i >= 0 && held.flags[i] === 1
  }

  /** Every term must match: each term's calls as flags, ANDed. */
  private flagsOf(key: string, terms: readonly string[], ids: Float64Array, byText: TextCalls): Held {
    const all = new Uint8Array(ids.length).fill(1)
    const { start, calls, maxText } = byText
    for (const term of terms) {
      const q = termQueries(term)
      const flags = new Uint8Array(ids.length)
      const textIds = this.db
        .prepare(q.texts)
        .pluck()
        .all(...q.params.texts) as number[]
      // Only the matching texts' lines are touched; a text no stored line uses has none.
      for (const t of textIds) {
        if (t < 0 || t > maxText) continue
        for (let k = start[t]!; k < start[t + 1]!; k++) flags[calls[k]!] = 1
      }
      for (const id of this.db
        .prepare(q.calls)
        .pluck()
        .iterate(...q.params.calls) as IterableIterator<number>) {
        const i = indexOfId(ids, id)
        if (i >= 0) flags[i] = 1
      }
      for (let i = 0; i < all.length; i++) all[i]! &= flags[i]!
    }
    let count = 0
    for (let i = 0; i < all.length; i++) count += all[i]!
    return { key, ids, flags: all, count }
  }

  /** The same in SQL: the calls using a matching text, by one pass over call_lines. */
  private setOf(terms: readonly string[]): Set<number> {
    const sets = terms.map((term) => {
      const q = termQueries(term)
      const ids = this.db
        .prepare(`SELECT DISTINCT call_id FROM call_lines WHERE text_id IN (${q.texts}) UNION ${q.calls}`)
        .pluck()
        .all(...q.params.texts, ...q.params.calls) as number[]
      return new Set(ids)
    })
    return sets.reduce((all, set) => new Set([...all].filter((id) => set.has(id))))
  }

  private listed(held: { ids: Float64Array; flags: Uint8Array }): number[] {
    const ids: number[] = []
    for (let i = 0; i < held.flags.length; i++) if (held.flags[i] === 1) ids.push(held.ids[i]!)
    return ids
  }

  private key(terms: readonly string[]): string {
    return JSON.stringify([terms, this.version.current()])
  }
}
