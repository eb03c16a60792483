// The index for 1–2 character search terms, which the trigram index cannot answer (价格, 微信 and
// 车 are everyday searches in Chinese). Each run of letters and digits is written as its
// overlapping two-character tokens plus its last character alone, into an FTS5 table whose
// tokenizer keeps exactly letters and digits as token characters. Then a 2-character term is
// one token, and a 1-character term is a prefix query: every occurrence of a character either
// starts a pair or ends its run.
import type { Db } from './database'

/** Kept in step with TOKEN_RUN: letters (L*) and digits (N*) are token characters, all else splits. */
export const BIGRAM_TOKENIZER = `unicode61 remove_diacritics 0 categories 'L* N*'`

const TOKEN_RUN = /[\p{L}\p{N}]+/gu
const ALL_TOKEN_CHARS = /^[\p{L}\p{N}]+$/u

/** "价格太贵了" → "价格 格太 太贵 贵了 了". */
export function bigramText(text: string): string {
  const tokens: string[] = []
  for (const [run] of text.matchAll(TOKEN_RUN)) {
    const chars = [...run]
    for (let i = 0; i + 1 < chars.length; i++) tokens.push(chars[i]! + chars[i + 1]!)
    tokens.push(chars[chars.length - 1]!)
  }
  return tokens.join(' ')
}

/** The FTS5 query for a 1–2 character term of letters or digits; null when the index cannot answer it. */
export function bigramQuery(term: string): string | null {
  const chars = [...term]
  if (chars.length > 2 || !ALL_TOKEN_CHARS.test(term)) return null
  return chars.length === 2 ? `"${term}"` : `"${term}"*`
}

/** The SQL function the cache's statements call to fill the index. */
export function registerBigramFunction(db: Db): void {
  db.function('bigram_text', { deterministic: true }, (text: unknown) => bigramText(String(text ?? '')))
}

/**
 * Rewrites the bigram rows of the calls a `WHERE call_id …` appended to it picks (or, alone, every
 * call's) from their search text (search-index.ts; schema v6 on).
 */
export const REFRESH_BIGRAMS = `INSERT OR REPLACE INTO calls_bigrams (rowid, text)
  SELECT call_id, bigram_text(customer_name || char(10) || customer_telephone || char(10) || transcript)
  FROM call_search_text`
