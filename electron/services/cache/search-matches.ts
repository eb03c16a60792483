// The calls a search text's indexed (3+ character) terms match, kept in a temp table while the
// terms and the data stay the same. One filter change asks three questions (the first page, its
// total, the facet counts); a common word matches a third of 100,000 calls, and building that
// list once, straight from the full-text indexes, is cheaper than each query building its own.
import type { Db } from './database'
import { SEARCH_MATCHES_TABLE, indexedTerms } from './call-filter-sql'
import { ftsPhrase } from './sql-text'

/** The calls whose transcript, name or phone (calls_fts) or review (review_fts) contain the phrase. */
const TERM_MATCHES = 'SELECT rowid FROM calls_fts(?) UNION ALL SELECT rowid FROM rv.review_fts(?)'

export class SearchMatches {
  /** The terms and data version the table holds matches for. */
  private heldFor: string | null = null
  private readonly s

  constructor(private readonly db: Db) {
    db.exec(`CREATE TEMP TABLE IF NOT EXISTS ${SEARCH_MATCHES_TABLE.split('.')[1]} (call_id INTEGER PRIMARY KEY)`)
    this.s = {
      clear: db.prepare(`DELETE FROM ${SEARCH_MATCHES_TABLE}`),
      add: db.prepare(`INSERT OR IGNORE INTO ${SEARCH_MATCHES_TABLE} ${TERM_MATCHES}`),
      keepOnly: db.prepare(`DELETE FROM ${SEARCH_MATCHES_TABLE} WHERE call_id NOT IN (${TERM_MATCHES})`),
      changes: db.prepare('SELECT total_changes()').pluck(),
    }
  }

  /** Makes the table hold the matches of the text's indexed terms; call it in the reading transaction. */
  prepare(text: string | undefined): void {
    const terms = indexedTerms(text)
    if (terms.length === 0 || this.heldFor === this.key(terms)) return
    this.s.clear.run()
    // Every term must match: the first fills the table, each further one removes the rest.
    const [first, ...more] = terms.map(ftsPhrase)
    this.s.add.run(first, first)
    for (const phrase of more) this.s.keepOnly.run(phrase, phrase)
    // Keyed after filling: our own writes to the temp table count as changes too.
    this.heldFor = this.key(terms)
  }

  /**
   * Changes by this connection (sync writes through it) move total_changes(); commits by other
   * connections (the review store's, another process's) move the files' data_version.
   */
  private key(terms: readonly string[]): string {
    const versions = ['main', 'rv'].map((schema) => this.db.pragma(`${schema}.data_version`, { simple: true }))
    return JSON.stringify([terms, this.s.changes.get(), versions])
  }
}
