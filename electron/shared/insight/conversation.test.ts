// The conversation metrics on hand-made calls, one definition at a time, plus properties that
// must hold for any transcript.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Speaker } from '../contract/domain'
import {
  aiLatencies,
  aiUnknownLines,
  bargeIns,
  hungUpBy,
  lastAiLine,
  silences,
  timedLines,
  type ConversationLine,
} from './conversation'

let next = 0
/** A line in transcript order; `inferred` marks a 0/0 line whose position CallLens guessed. */
function line(speaker: Speaker, startMs: number, endMs: number, extra: Partial<ConversationLine> = {}) {
  return {
    index: next++,
    speaker,
    content: `${speaker}@${startMs}`,
    startMs,
    endMs,
    inferred: false,
    aiUnknown: null,
    ...extra,
  }
}
const ai = (s: number, e: number, extra?: Partial<ConversationLine>) => line('ai', s, e, extra)
const me = (s: number, e: number, extra?: Partial<ConversationLine>) => line('customer', s, e, extra)

describe('timed lines', () => {
  it('leave out inferred lines and sort the rest by start, keeping transcript order on a tie', () => {
    const [a, b, c, d] = [me(500, 900), ai(0, 400, { inferred: true }), ai(100, 300), me(100, 200)]
    expect(timedLines([a, b, c, d])).toEqual([c, d, a])
  })
})

describe('AI latency', () => {
  it('is the AI start minus the customer end of a customer line followed directly by an AI line', () => {
    const lines = [ai(0, 1000), me(1500, 2500), ai(3300, 4000), me(4500, 5000), ai(5200, 6000)]
    expect(aiLatencies(lines).map((pair) => pair.ms)).toEqual([800, 200])
  })

  it('is negative when the AI starts before the customer has finished', () => {
    const [customer, robot] = [me(1000, 3000), ai(2600, 4000)]
    expect(aiLatencies([customer, robot])).toEqual([{ customerIndex: customer.index, aiIndex: robot.index, ms: -400 }])
  })

  it('pairs only neighbours in start order, so a second customer line or an AI line in between breaks a pair', () => {
    expect(aiLatencies([me(0, 500), me(800, 1000), ai(1300, 2000)]).map((p) => p.ms)).toEqual([300])
    expect(aiLatencies([me(0, 500), ai(600, 900), ai(1000, 2000)]).map((p) => p.ms)).toEqual([100])
  })

  it('ignores an untimed AI line: its inferred position is no measurement', () => {
    expect(aiLatencies([me(0, 500), ai(500, 1500, { inferred: true })])).toEqual([])
  })

  it('has no pair in a call without AI lines', () => {
    expect(aiLatencies([me(0, 500), me(900, 1200)])).toEqual([])
  })
})

describe('barge-ins', () => {
  it('count customer lines that start before the end of the AI line before them', () => {
    const robot = ai(0, 3000)
    const early = me(2500, 3500)
    expect(bargeIns([robot, early, ai(4000, 5000), me(5000, 6000)])).toEqual([
      { customerIndex: early.index, aiIndex: robot.index, overlapMs: 500 },
    ])
  })

  it('count a second customer line still inside the same AI line, and a line wholly inside it', () => {
    const lines = [ai(0, 5000), me(1000, 2000), me(3000, 6000)]
    expect(bargeIns(lines).map((b) => b.overlapMs)).toEqual([1000, 2000])
  })

  it('need a timed AI line before: not the first line, not after an untimed AI line', () => {
    expect(bargeIns([me(0, 1000), ai(500, 2000)])).toEqual([])
    expect(bargeIns([ai(0, 3000, { inferred: true }), me(1000, 2000)])).toEqual([])
  })

  it('do not count the AI talking over a customer (that is a negative latency)', () => {
    expect(bargeIns([me(0, 2000), ai(1500, 3000)])).toEqual([])
  })
})

describe('silence', () => {
  it('is the next start minus the latest end so far, at least 0', () => {
    // The long first line still runs when the second ends: the pause is measured from its end.
    const lines = [ai(0, 5000), me(1000, 2000), ai(6500, 7000), me(6800, 9000)]
    expect(silences(lines).map((s) => s.ms)).toEqual([0, 1500, 0])
  })

  it('skips untimed lines, so the pause spans where an unmeasured line may have been', () => {
    expect(silences([me(0, 1000), ai(1200, 2000, { inferred: true }), me(3000, 4000)]).map((s) => s.ms)).toEqual([2000])
  })

  it('has no pause with fewer than two timed lines', () => {
    expect(silences([me(0, 1000), ai(2000, 3000, { inferred: true })])).toEqual([])
    expect(silences([])).toEqual([])
  })
})

describe('aiUnknown, hang-up and the last AI line', () => {
  it('count AI lines flagged aiUnknown, timed or not, and never customer lines', () => {
    const lines = [
      ai(0, 1000, { aiUnknown: true }),
      me(1200, 2000, { aiUnknown: true }),
      ai(0, 0, { inferred: true, aiUnknown: true }),
      ai(3000, 4000, { aiUnknown: false }),
      ai(5000, 6000, { aiUnknown: null }),
    ]
    expect(aiUnknownLines(lines)).toHaveLength(2)
  })

  it('reads hangUp 0 as the AI, 1 as the customer and anything else as unknown', () => {
    expect([0, 1, null, 2].map(hungUpBy)).toEqual(['ai', 'customer', null, null])
  })

  it('names the last AI line in the API order with its 1-based position among the AI lines', () => {
    const first = ai(0, 1000)
    const second = ai(2000, 2500, { content: '再见' })
    // Stored in start order, where an inferred line may come before; the API's index decides.
    expect(lastAiLine([second, me(1200, 1800), first])).toEqual({ index: 2, content: '再见' })
    expect(lastAiLine([me(0, 1000)])).toBeNull()
  })
})

const speakers: Speaker[] = ['ai', 'customer']
const arbitraryLines = fc
  .array(
    fc.record({
      speaker: fc.constantFrom(...speakers),
      startMs: fc.integer({ min: 0, max: 60_000 }),
      lengthMs: fc.integer({ min: 1, max: 8000 }),
      inferred: fc.boolean(),
    }),
    { maxLength: 25 },
  )
  .map((drawn) =>
    drawn.map((d, index) => ({
      index,
      speaker: d.speaker,
      content: String(index),
      startMs: d.startMs,
      endMs: d.startMs + d.lengthMs,
      inferred: d.inferred,
      aiUnknown: null,
    })),
  )

/** A robot says one line at a time: its own timed lines never overlap one another. */
const robotOneAtATime = (lines: ConversationLine[]) => {
  const robot = timedLines(lines).filter((l) => l.speaker === 'ai')
  return robot.every((l, i) => i === 0 || l.startMs >= robot[i - 1]!.endMs)
}

describe('properties', () => {
  it('removing a customer line never makes another customer line a barge-in', () => {
    fc.assert(
      fc.property(arbitraryLines, fc.nat(), (lines, pick) => {
        const customers = lines.filter((l) => l.speaker === 'customer')
        fc.pre(customers.length > 0)
        const removed = customers[pick % customers.length]!
        const before = new Set(bargeIns(lines).map((b) => b.customerIndex))
        const after = bargeIns(lines.filter((l) => l !== removed)).map((b) => b.customerIndex)
        expect(after.every((index) => before.has(index))).toBe(true)
      }),
    )
  })

  it('removing any line never raises the barge-ins of the others while the robot says one line at a time', () => {
    fc.assert(
      fc.property(arbitraryLines, fc.nat(), (lines, pick) => {
        fc.pre(lines.length > 0 && robotOneAtATime(lines))
        const removed = lines[pick % lines.length]!
        const others = bargeIns(lines).filter((b) => b.customerIndex !== removed.index)
        expect(bargeIns(lines.filter((l) => l !== removed)).length).toBeLessThanOrEqual(others.length)
      }),
    )
  })

  it('silences are never negative and only measured between timed lines', () => {
    fc.assert(
      fc.property(arbitraryLines, (lines) => {
        const found = silences(lines)
        expect(found.every((s) => s.ms >= 0)).toBe(true)
        expect(found).toHaveLength(Math.max(0, timedLines(lines).length - 1))
      }),
    )
  })

  it('a latency pair and a barge-in are never made of an inferred line', () => {
    fc.assert(
      fc.property(arbitraryLines, (lines) => {
        const inferred = new Set(lines.filter((l) => l.inferred).map((l) => l.index))
        for (const pair of [...aiLatencies(lines), ...bargeIns(lines)]) {
          expect(inferred.has(pair.customerIndex) || inferred.has(pair.aiIndex)).toBe(false)
        }
      }),
    )
  })
})
