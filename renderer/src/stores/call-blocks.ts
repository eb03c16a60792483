// Which blocks of the call list stay loaded: the ones the table shows, a margin around them (a
// page up or down, a scroll back, never refetches) and the selected row's (↵ opens it, the claim
// controls read it). Everything else is dropped and fetched again if it comes back into view, so
// a million-call list scrolled end to end holds a few thousand rows, not a million.

/** Rows per block: one `calls.query` page. */
export const BLOCK = 200

/** Blocks kept on each side of the ones on screen (800 rows: a fast flick does not refetch). */
export const KEEP_AROUND = 4

/** The blocks the table last asked for, inclusive. */
export interface BlockSpan {
  first: number
  last: number
}

export const blockOf = (index: number): number => Math.floor(index / BLOCK)

/** The blocks rows [start, end) fall in. */
export function spanOf(start: number, end: number): BlockSpan {
  return { first: blockOf(start), last: blockOf(Math.max(start, end - 1)) }
}

/** Whether a block is worth keeping while `shown` is on screen and `selected` is the selected row. */
export function keepsBlock(block: number, shown: BlockSpan, selected: number): boolean {
  return block === blockOf(selected) || (block >= shown.first - KEEP_AROUND && block <= shown.last + KEEP_AROUND)
}

/** The blocks of `loaded` to drop. */
export function blocksToDrop(loaded: Iterable<number>, shown: BlockSpan, selected: number): number[] {
  return [...loaded].filter((block) => !keepsBlock(block, shown, selected))
}
