// What the counting columns (count-columns.ts) ask of a prepared search (search-matches.ts), in a
// file of its own so that neither imports the other.

export interface MatchedCalls {
  /**
   * 1 per call of `ids` (ascending call ids) the prepared search's indexed terms match; null when
   * the search was not prepared for these terms in this data version.
   */
  flagsFor(terms: readonly string[], ids: Float64Array): Uint8Array | null
}
