// The call list's segment: the table never holds more rows than Chromium can scroll, every row of a
// list of any length can be brought on screen, and a list of SEGMENT rows or fewer never moves.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { EDGE, SEGMENT, clampStart, inSegment, segmentLength, startForRow, startForView } from './list-segment'

const ROW_HEIGHT = 48
/** Chromium's cap on an element's height. */
const CHROMIUM_MAX_PX = 33_554_428
const VIEW = 20

/** A list length, a segment start of it and a view of up to VIEW rows inside the list. */
const listAndView = fc
  .integer({ min: 1, max: 5_000_000 })
  .chain((total) =>
    fc.record({
      total: fc.constant(total),
      start: fc.integer({ min: 0, max: total }).map((s) => clampStart(s, total)),
      first: fc.integer({ min: 0, max: total - 1 }),
      rows: fc.integer({ min: 1, max: VIEW }),
    }),
  )
  .map(({ total, start, first, rows }) => ({ total, start, first, last: Math.min(total - 1, first + rows - 1) }))

describe('list segment', () => {
  it('holds at most SEGMENT rows, a table Chromium can scroll', () => {
    expect(SEGMENT * ROW_HEIGHT).toBeLessThan(CHROMIUM_MAX_PX)
    expect(segmentLength(1_000_000)).toBe(SEGMENT)
    expect(segmentLength(123)).toBe(123)
    expect(segmentLength(0)).toBe(0)
  })

  it('never moves for a list of SEGMENT rows or fewer', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: SEGMENT })
          .chain((total) =>
            fc.tuple(
              fc.constant(total),
              fc.integer({ min: 0, max: total - 1 }),
              fc.integer({ min: 0, max: total - 1 }),
            ),
          ),
        ([total, row, other]) => {
          expect(startForRow(row, 0, total)).toBe(0)
          const [first, last] = row <= other ? [row, other] : [other, row]
          expect(startForView(0, first, last, total)).toBe(0)
        },
      ),
    )
  })

  it('puts the view inside the segment, away from any edge that is not the list’s, and keeps it there', () => {
    fc.assert(
      fc.property(listAndView, ({ total, start, first, last }) => {
        const next = startForView(start, first, last, total)
        const end = next + segmentLength(total)
        expect(next).toBe(clampStart(next, total))
        expect(inSegment(first, next, total) && inSegment(last, next, total)).toBe(true)
        if (next !== start) {
          // A move lands the view well inside: the next move is a quarter of a segment away.
          if (next > 0) expect(first - next).toBeGreaterThanOrEqual(EDGE)
          if (end < total) expect(end - 1 - last).toBeGreaterThanOrEqual(EDGE)
        }
        expect(startForView(next, first, last, total)).toBe(next)
      }),
    )
  })

  it('brings any row of the list into the segment, and leaves a segment that has it alone', () => {
    fc.assert(
      fc.property(listAndView, ({ total, start, first: row }) => {
        const next = startForRow(row, start, total)
        expect(inSegment(row, next, total)).toBe(true)
        if (inSegment(row, start, total)) expect(next).toBe(start)
      }),
    )
  })

  it('scrolls a list of any length from its first row to its last in jumps shorter than EDGE', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: SEGMENT + 1, max: 3_000_000 }),
        fc.integer({ min: 5_000, max: EDGE - VIEW }),
        (total, jump) => {
          // What the list component does: set an offset in the table, then move the segment by the view.
          let start = 0
          let top = 0 // the table's offset, in pixels
          const maxTop = (segmentLength(total) - VIEW) * ROW_HEIGHT
          for (let steps = 0; ; steps++) {
            expect(steps).toBeLessThan(total / jump + 2)
            top = Math.min(maxTop, top + jump * ROW_HEIGHT)
            const first = start + top / ROW_HEIGHT
            const next = startForView(start, first, first + VIEW - 1, total)
            top += (start - next) * ROW_HEIGHT
            start = next
            expect(top).toBeGreaterThanOrEqual(0)
            expect(top).toBeLessThanOrEqual(maxTop)
            expect(start + top / ROW_HEIGHT).toBe(first) // the same rows stay on screen
            if (first + VIEW >= total) break
          }
          expect(start + segmentLength(total)).toBe(total)
        },
      ),
      { numRuns: 30 },
    )
  })

  it('keeps a start from a longer list inside a shorter one', () => {
    expect(clampStart(600_000, 1_000_000)).toBe(500_000)
    expect(clampStart(400_000, 700_000)).toBe(200_000)
    expect(clampStart(400_000, 300_000)).toBe(0)
  })
})
