// Which stretch of the call list the table holds. Chromium caps an element's height at
// 33,554,428 px (699,050 rows of 48 px), so the table cannot scroll a million-row list to its end.
// It holds a segment of at most SEGMENT rows instead, and the segment moves (the view keeping its
// row on screen) when the view comes near an edge of it that is not the list's, or when a key or a
// jump lands outside it. A list of SEGMENT rows or fewer is one segment starting at row 0: nothing
// changes for it. Row indices everywhere else (the store, data-index, the selection) stay absolute.

/** Rows the table holds at most: 24,000,000 px of 48 px rows, well under Chromium's cap. */
export const SEGMENT = 500_000

/**
 * How near (in rows) the view may come to a segment edge that is not the list's before the
 * segment moves. A quarter of a segment: a move happens once every ≈ 6,000,000 px of scrolling,
 * and a jump of fewer rows than this (a bench's step, a scrollbar click) never leaves the segment.
 */
export const EDGE = SEGMENT / 4

/** Rows of the table for a list of `total` rows. */
export const segmentLength = (total: number): number => Math.min(Math.max(total, 0), SEGMENT)

/** The largest start a segment of a `total`-row list may have (its last row is the list's). */
export const lastStart = (total: number): number => Math.max(0, total - SEGMENT)

/** `start` kept inside the list (a list that shrank, a stored start from a longer list). */
export const clampStart = (start: number, total: number): number =>
  Math.max(0, Math.min(Math.floor(start), lastStart(total)))

/** The segment with `row` in its middle (or as near as the list's ends allow). */
export const segmentAround = (row: number, total: number): number => clampStart(row - Math.floor(SEGMENT / 2), total)

/** Whether `row` is one of the segment's rows. */
export const inSegment = (row: number, start: number, total: number): boolean =>
  row >= start && row < start + segmentLength(total)

/**
 * The segment start to use when the view shows rows [first, last] (absolute): `start` itself while
 * the view is well inside it, else the segment around the view. A list's own ends never move it.
 */
export function startForView(start: number, first: number, last: number, total: number): number {
  const end = start + segmentLength(total) // one past the segment's last row
  const nearTop = start > 0 && first - start < EDGE
  const nearBottom = end < total && end - 1 - last < EDGE
  if (!nearTop && !nearBottom && first >= start && last < end) return start
  return segmentAround(Math.floor((first + last) / 2), total)
}

/** The segment start that has `row` in it: `start` if it has, else the segment around `row`. */
export const startForRow = (row: number, start: number, total: number): number =>
  inSegment(row, start, total) ? start : segmentAround(row, total)
