import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { inferTranscriptTiming, MIN_LINE_MS, MS_PER_CHAR, type TimingInput } from './transcript-timing'

function line(index: number, content: string, startMs: number | null, endMs: number | null): TimingInput {
  return { index, content, startMs, endMs }
}

const positions = (lines: { index: number; startMs: number; endMs: number; inferred: boolean }[]) =>
  lines.map(({ index, startMs, endMs, inferred }) => [index, startMs, endMs, inferred])

describe('transcript timing inference', () => {
  it('leaves fully timed lines exactly as given', () => {
    const out = inferTranscriptTiming([line(0, '喂你好', 300, 1145), line(1, '哦你好', 2330, 3565)], {
      durationMs: 87_000,
    })
    expect(positions(out)).toEqual([
      [0, 300, 1145, false],
      [1, 2330, 3565, false],
    ])
  })

  it("places the document's 0/0 AI greeting before the first timed customer line", () => {
    const out = inferTranscriptTiming(
      [line(0, '哎，您好，等待2s', 0, 0), line(1, '喂你好', 300, 1145), line(2, '哦你好', 2330, 3565)],
      { durationMs: null },
    )
    expect(positions(out)).toEqual([
      [0, 0, 300, true],
      [1, 300, 1145, false],
      [2, 2330, 3565, false],
    ])
  })

  it('splits a gap between timed neighbours among untimed lines in proportion to their text', () => {
    const out = inferTranscriptTiming(
      [line(0, 'a', 0, 1000), line(1, 'xx', 0, 0), line(2, 'xxxxxx', 0, 0), line(3, 'b', 5000, 6000)],
      { durationMs: null },
    )
    const [, short, long] = out
    expect(short).toMatchObject({ index: 1, startMs: 1000, inferred: true })
    expect(long).toMatchObject({ index: 2, endMs: 5000, inferred: true })
    expect(short?.endMs).toBe(long?.startMs)
    // 4000 ms for 8 characters, each line with a 100 ms floor: 100 + 3800·2/8 = 1050.
    expect(short?.endMs).toBe(2050)
  })

  it('stretches lines after the last timed one to the end of the call when the duration is known', () => {
    const out = inferTranscriptTiming([line(0, '好的', 1000, 2000), line(1, '再见', 0, 0)], { durationMs: 9_000 })
    expect(out[1]).toMatchObject({ index: 1, startMs: 2000, endMs: 9000, inferred: true })
  })

  it('estimates by text length after the last timed line when the duration is unknown', () => {
    const content = '感谢您的接听，祝您生活愉快，再见'
    const out = inferTranscriptTiming([line(0, '好的', 1000, 2000), line(1, content, 0, 0)], { durationMs: null })
    expect(out[1]).toMatchObject({ startMs: 2000, endMs: 2000 + content.length * MS_PER_CHAR, inferred: true })
  })

  it('gives an all-untimed transcript consecutive estimated positions from 0', () => {
    const out = inferTranscriptTiming([line(0, '你好', 0, 0), line(1, '', 0, 0)], { durationMs: null })
    expect(positions(out)).toEqual([
      [0, 0, MIN_LINE_MS, true],
      [1, MIN_LINE_MS, 2 * MIN_LINE_MS, true],
    ])
  })

  it('keeps a start that came without an end, estimating only the end', () => {
    const out = inferTranscriptTiming([line(0, '你好', 4000, 0)], { durationMs: null })
    expect(out[0]).toMatchObject({ startMs: 4000, endMs: 4000 + MIN_LINE_MS, inferred: true })
  })

  it('does not squeeze lines into touching neighbours: they overlap the next line, in order', () => {
    const out = inferTranscriptTiming([line(0, 'a', 0, 1000), line(1, '插话', 0, 0), line(2, 'b', 1000, 2000)], {
      durationMs: null,
    })
    expect(positions(out)).toEqual([
      [0, 0, 1000, false],
      [1, 1000, 1000 + MIN_LINE_MS, true],
      [2, 1000, 2000, false],
    ])
  })

  it('sorts by position when the API lists timed lines out of order, keeping each original index', () => {
    const out = inferTranscriptTiming([line(0, 'late', 5000, 6000), line(1, 'early', 1000, 2000)], {
      durationMs: null,
    })
    expect(out.map((l) => l.index)).toEqual([1, 0])
  })

  it('keeps every other field of a line', () => {
    const out = inferTranscriptTiming([{ ...line(0, 'x', 0, 0), speaker: 'ai', aiUnknown: true }], {
      durationMs: null,
    })
    expect(out[0]).toMatchObject({ speaker: 'ai', aiUnknown: true, content: 'x' })
  })

  it('always yields sorted lines with start < end, every index once, timed lines untouched', () => {
    const timing = fc.oneof(
      fc.constant<[number, number]>([0, 0]),
      fc
        .tuple(fc.integer({ min: 0, max: 60_000 }), fc.integer({ min: 1, max: 8_000 }))
        .map(([s, d]): [number, number] => [s, s + d]),
      fc.tuple(fc.integer({ min: 1, max: 60_000 }), fc.constant(0)),
    )
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.string({ maxLength: 30 }), timing), { maxLength: 25 }),
        fc.option(fc.integer({ min: 0, max: 120_000 })),
        (rows, durationMs) => {
          const input = rows.map(([content, [s, e]], index) => line(index, content, s, e))
          const out = inferTranscriptTiming(input, { durationMs })
          expect(out.map((l) => l.index).sort((a, b) => a - b)).toEqual(input.map((l) => l.index))
          for (const [k, l] of out.entries()) {
            expect(l.startMs).toBeLessThan(l.endMs)
            if (k > 0) expect(l.startMs).toBeGreaterThanOrEqual(out[k - 1]!.startMs)
            const original = input[l.index]!
            const wasTimed = original.endMs! > original.startMs!
            expect(l.inferred).toBe(!wasTimed)
            if (wasTimed) expect([l.startMs, l.endMs]).toEqual([original.startMs, original.endMs])
          }
        },
      ),
    )
  })
})
