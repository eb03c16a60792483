import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { nextTick, ref } from 'vue'
import type { TranscriptLine } from '@shared/contract'
import {
  currentLineIndex,
  nextLineIndex,
  previousLineIndex,
  useTranscriptSync,
  type TimedLine,
} from './useTranscriptSync'

function line(startMs: number, endMs: number, extra: Partial<TranscriptLine> = {}): TranscriptLine {
  return {
    index: 0,
    speaker: 'ai',
    content: '',
    startMs,
    endMs,
    inferred: false,
    userMean: null,
    aiUnknown: null,
    ...extra,
  }
}

/** The rule spelled out as a scan, to check the binary search against. */
function referenceCurrent(lines: readonly TimedLine[], t: number): number {
  let lastStarted = -1
  let lastSounding = -1
  lines.forEach((l, i) => {
    if (l.startMs <= t) {
      lastStarted = i
      if (t < l.endMs) lastSounding = i
    }
  })
  return lastSounding === -1 ? lastStarted : lastSounding
}

// AI 0–2 s, gap, customer 3–5 s, AI 5–9 s with a customer barge-in at 6–7 s.
const call = [line(0, 2000), line(3000, 5000), line(5000, 9000), line(6000, 7000, { speaker: 'customer' })]

describe('currentLineIndex', () => {
  it('has no current line in an empty transcript', () => {
    expect(currentLineIndex([], 0)).toBe(-1)
    expect(currentLineIndex([], 5000)).toBe(-1)
  })

  it('has no current line before the first line starts', () => {
    const lines = [line(1200, 2000)]
    expect(currentLineIndex(lines, 0)).toBe(-1)
    expect(currentLineIndex(lines, 1199)).toBe(-1)
  })

  it('makes a line current exactly at its start', () => {
    expect(currentLineIndex(call, 0)).toBe(0)
    expect(currentLineIndex(call, 3000)).toBe(1)
  })

  it('hands over to the next line exactly where one ends and the next starts', () => {
    expect(currentLineIndex(call, 4999)).toBe(1)
    expect(currentLineIndex(call, 5000)).toBe(2)
  })

  it('keeps the previous line current through a gap until the next starts', () => {
    expect(currentLineIndex(call, 2000)).toBe(0)
    expect(currentLineIndex(call, 2999)).toBe(0)
  })

  it('keeps the last line current after the transcript ends', () => {
    expect(currentLineIndex(call, 60_000)).toBe(3)
  })

  it('prefers the barge-in while it overlaps, then returns to the line it interrupted', () => {
    expect(currentLineIndex(call, 5999)).toBe(2)
    expect(currentLineIndex(call, 6000)).toBe(3)
    expect(currentLineIndex(call, 6999)).toBe(3)
    expect(currentLineIndex(call, 7000)).toBe(2)
    expect(currentLineIndex(call, 8999)).toBe(2)
  })

  it('treats inferred and zero-length lines like any other line', () => {
    const lines = [line(0, 1000), line(1000, 1000, { inferred: true }), line(1000, 1500, { inferred: true })]
    expect(currentLineIndex(lines, 999)).toBe(0)
    expect(currentLineIndex(lines, 1000)).toBe(2)
    expect(currentLineIndex(lines, 1500)).toBe(2)
  })

  it('returns to a long line that started before several short overlapping ones', () => {
    const lines = [line(0, 100_000), line(10, 20), line(30, 40), line(50, 60)]
    expect(currentLineIndex(lines, 45)).toBe(0)
    expect(currentLineIndex(lines, 55)).toBe(3)
    expect(currentLineIndex(lines, 99_999)).toBe(0)
    expect(currentLineIndex(lines, 100_000)).toBe(3)
  })

  it('agrees with the rule spelled out as a scan on arbitrary sorted, overlapping transcripts', () => {
    const lines = fc
      .array(fc.tuple(fc.integer({ min: 0, max: 5000 }), fc.integer({ min: 0, max: 3000 })), { maxLength: 40 })
      .map((pairs) => pairs.map(([start, length]) => line(start, start + length)).sort((a, b) => a.startMs - b.startMs))
    fc.assert(
      fc.property(lines, fc.integer({ min: -100, max: 9000 }), (ls, t) => {
        expect(currentLineIndex(ls, t)).toBe(referenceCurrent(ls, t))
      }),
      { numRuns: 500 },
    )
  })

  it('answers for every time in a 10 000-line transcript without scanning: the lines are read once, for the index', () => {
    const plain = Array.from({ length: 10_000 }, (_, i) => line(i * 1000, i * 1000 + 800))
    // Counts every read of a line (a numeric key) the look-ups make.
    let lineReads = 0
    const lines = new Proxy(plain, {
      get(target, key, receiver) {
        if (typeof key === 'string' && /^\d+$/.test(key)) lineReads++
        return Reflect.get(target, key, receiver) as unknown
      },
    })
    expect(currentLineIndex(lines, 0)).toBe(0)
    expect(lineReads).toBe(plain.length)
    expect(currentLineIndex(lines, 5_000_900)).toBe(5000)
    expect(currentLineIndex(lines, 9_999_999)).toBe(9999)
    for (let t = 0; t < 10_000_000; t += 97) currentLineIndex(lines, t)
    // ~100k look-ups, none of them reading a line again (a scan would read thousands each).
    expect(lineReads).toBe(plain.length)
  })
})

describe('nextLineIndex and previousLineIndex', () => {
  it('move nowhere in an empty transcript', () => {
    expect(nextLineIndex([], 0)).toBe(-1)
    expect(previousLineIndex([], 0)).toBe(-1)
  })

  it('go to the first line from before it, and nowhere back from there', () => {
    const lines = [line(1000, 2000), line(3000, 4000)]
    expect(nextLineIndex(lines, 0)).toBe(0)
    expect(previousLineIndex(lines, 0)).toBe(-1)
  })

  it('step one line at a time from a line start, even when the seek landed just short of it', () => {
    expect(nextLineIndex(call, 3000)).toBe(2)
    expect(nextLineIndex(call, 2999.9)).toBe(2)
    expect(previousLineIndex(call, 3000)).toBe(0)
    expect(previousLineIndex(call, 2999.9)).toBe(0)
  })

  it('go to the next line start from the middle of a line', () => {
    expect(nextLineIndex(call, 4000)).toBe(2)
    expect(previousLineIndex(call, 4000)).toBe(0)
  })

  it('find no next line after the last one has started', () => {
    expect(nextLineIndex(call, 6500)).toBe(-1)
  })
})

describe('useTranscriptSync', () => {
  it('follows the time ref', async () => {
    const time = ref(0)
    const { currentIndex, currentLine } = useTranscriptSync(call, time)
    expect(currentIndex.value).toBe(0)
    time.value = 6500
    await nextTick()
    expect(currentIndex.value).toBe(3)
    expect(currentLine.value?.speaker).toBe('customer')
  })

  it('has no current line when the transcript is empty', () => {
    const { currentIndex, currentLine } = useTranscriptSync([], 1000)
    expect(currentIndex.value).toBe(-1)
    expect(currentLine.value).toBeNull()
  })
})
