// Where search terms occur in a text, the way the cache's search matches them: every
// whitespace-separated term as a substring, letters compared case-insensitively (the FTS5
// trigram and bigram indexes fold case), full- and half-width forms kept apart (they do not
// fold width). Shared by the cache (a row's snippet) and the renderer (highlighting, find).

/** Whitespace-separated search terms; every term must match somewhere in the call. */
export function searchTerms(text: string): string[] {
  return text.split(/\s+/u).filter((t) => t.length > 0)
}

/**
 * The text lower-cased code point by code point, keeping every UTF-16 offset where it was (a
 * character whose lower case has another length, such as İ, stays as it is), so offsets found
 * in the folded text are offsets in the original.
 */
export function foldCase(text: string): string {
  let folded = ''
  for (const char of text) {
    const lower = char.toLowerCase()
    folded += lower.length === char.length ? lower : char
  }
  return folded
}

/** [start, end) in UTF-16 offsets. */
export type TextRange = readonly [start: number, end: number]

/**
 * Every occurrence of any term, overlapping and adjacent ones merged into one range, in order.
 * Occurrences are found at every offset ("aa" in "aaa" is two, merged into one range).
 */
export function matchRanges(text: string, terms: readonly string[]): TextRange[] {
  if (terms.length === 0 || text.length === 0) return []
  const folded = foldCase(text)
  const found: [number, number][] = []
  for (const term of new Set(terms.map(foldCase))) {
    if (term.length === 0) continue
    for (let at = folded.indexOf(term); at >= 0; at = folded.indexOf(term, at + 1)) {
      found.push([at, at + term.length])
    }
  }
  found.sort((a, b) => a[0] - b[0] || a[1] - b[1])
  const merged: [number, number][] = []
  for (const [start, end] of found) {
    const last = merged.at(-1)
    if (last && start <= last[1]) last[1] = Math.max(last[1], end)
    else merged.push([start, end])
  }
  return merged
}

export interface TextPart {
  text: string
  /** The part is a match. */
  hit: boolean
}

/** The text cut into plain and matching parts, for rendering matches as <mark> (never as HTML). */
export function highlightParts(text: string, terms: readonly string[]): TextPart[] {
  const parts: TextPart[] = []
  let at = 0
  for (const [start, end] of matchRanges(text, terms)) {
    if (start > at) parts.push({ text: text.slice(at, start), hit: false })
    parts.push({ text: text.slice(start, end), hit: true })
    at = end
  }
  if (at < text.length || parts.length === 0) parts.push({ text: text.slice(at), hit: false })
  return parts
}

/**
 * A short excerpt of the text around its first match (an ellipsis marks what was cut), so the
 * match is in view in a narrow list cell; the text itself when it is short or has no match.
 */
export function snippetAround(text: string, terms: readonly string[], maxChars = 80, before = 16): string {
  const oneLine = text.replace(/\s+/gu, ' ').trim()
  if (oneLine.length <= maxChars) return oneLine
  const first = matchRanges(oneLine, terms)[0]
  const from = first ? Math.max(0, first[0] - before) : 0
  const to = Math.min(oneLine.length, from + maxChars)
  // Never cut a surrogate pair in two.
  const start = from > 0 && isLowSurrogate(oneLine.charCodeAt(from)) ? from - 1 : from
  const end = to < oneLine.length && isLowSurrogate(oneLine.charCodeAt(to)) ? to + 1 : to
  return `${start > 0 ? '…' : ''}${oneLine.slice(start, end)}${end < oneLine.length ? '…' : ''}`
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff
}
