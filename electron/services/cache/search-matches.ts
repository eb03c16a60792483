// The calls a search text's indexed terms match, kept in a temp table while the terms and the
// data stay the same. One filter change asks three questions (the first page, its total, the
// facet counts); a common word matches a third of 100,000 calls, and building that list once,
// straight from the full-text indexes, is cheaper than each query building its own.
import { bigramQuery } from './bigrams'
import type { Db } from './database'
import type { DataVersion } from './data-version'
import { SEARCH_MATCHES_TABLE, isIndexedTerm } from './call-filter-sql'
import { ftsPhrase, likeContains, searchTerms } from './sql-text'

/** A term's matching call ids: transcript, name or phone from the cache, note or comments from the reviews. */
const TRIGRAM_MATCHES = 'SELECT rowid FROM calls_fts(?) UNION ALL SELECT rowid FROM rv.review_fts(?)'
// Reviews are few: a scan of their texts is cheap, and keeps the reviews file free of a second index.
const BIGRAM_MATCHES = `SELECT rowid FROM calls_bigrams(?)
  UNION ALL SELECT rowid FROM rv.review_fts WHERE text LIKE ? ESCAPE '\\' OR comments LIKE ? ESCAPE '\\'`

function termMatches(term: string): { sql: string; params: string[] } {
  const bigrams = bigramQuery(term)
  if (bigrams === null) return { sql: TRIGRAM_MATCHES, params: [ftsPhrase(term), ftsPhrase(term)] }
  return { sql: BIGRAM_MATCHES, params: [bigrams, likeContains(term), likeContains(term)] }
}

export class SearchMatches {
  /** The terms and data version the table holds matches for. */
  private heldFor: string | null = null

  constructor(
    private readonly db: Db,
    private readonly version: DataVersion,
  ) {
    db.exec(`CREATE TEMP TABLE IF NOT EXISTS ${SEARCH_MATCHES_TABLE.split('.')[1]} (call_id INTEGER PRIMARY KEY)`)
  }

  /** Makes the table hold the matches of the text's indexed terms; call it in the reading transaction. */
  prepare(text: string | undefined): void {
    const terms = searchTerms(text ?? '').filter(isIndexedTerm)
    if (terms.length === 0 || this.heldFor === this.key(terms)) return
    this.version.writingTemp(() => {
      this.db.prepare(`DELETE FROM ${SEARCH_MATCHES_TABLE}`).run()
      // Every term must match: the first fills the table, each further one removes the rest.
      terms.forEach((term, i) => {
        const { sql, params } = termMatches(term)
        const statement =
          i === 0
            ? `INSERT OR IGNORE INTO ${SEARCH_MATCHES_TABLE} ${sql}`
            : `DELETE FROM ${SEARCH_MATCHES_TABLE} WHERE call_id NOT IN (${sql})`
        this.db.prepare(statement).run(...params)
      })
    })
    this.heldFor = this.key(terms)
  }

  private key(terms: readonly string[]): string {
    return JSON.stringify([terms, this.version.current()])
  }
}
