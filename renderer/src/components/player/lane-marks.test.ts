import { describe, expect, it } from 'vitest'
import type { Speaker, TranscriptLine } from '@shared/contract'
import { laneMarks } from './lane-marks'

const line = (
  index: number,
  speaker: Speaker,
  startMs: number,
  endMs: number,
  extra: Partial<TranscriptLine> = {},
): TranscriptLine => ({
  index,
  speaker,
  content: `line ${index}`,
  startMs,
  endMs,
  inferred: false,
  userMean: null,
  aiUnknown: false,
  ...extra,
})
const thresholds = { latencyOverMs: 2000, silenceFromMs: 3000 }

describe('the conversation lane marks', () => {
  it('marks an AI answer slower than the threshold from the customer end to the AI start, and not one at it', () => {
    const lines = [
      line(0, 'customer', 0, 1000),
      line(1, 'ai', 3500, 5000),
      line(2, 'customer', 5200, 6000),
      line(3, 'ai', 8000, 9000),
    ]
    expect(laneMarks(lines, thresholds)).toEqual([
      { kind: 'latency', startMs: 1000, endMs: 3500, ms: 2500, lineIndex: 1 },
    ])
  })

  it('draws a barge-in over the overlap of the customer line with the AI line it talks over', () => {
    const lines = [line(0, 'ai', 0, 4000), line(1, 'customer', 3000, 5000), line(2, 'ai', 5200, 6000)]
    expect(laneMarks(lines, thresholds)).toEqual([
      { kind: 'bargeIn', startMs: 3000, endMs: 4000, ms: 1000, lineIndex: 1 },
    ])
  })

  it('marks a silence from the latest end so far, from the threshold on, on the line after it', () => {
    const lines = [
      line(0, 'ai', 0, 5000),
      line(1, 'customer', 1000, 2000),
      line(2, 'ai', 8000, 9000),
      line(3, 'ai', 11_999, 12_500),
    ]
    // 2999 ms before line 3 is short of the threshold. Customer line 1 talks over AI line 0, and
    // AI line 2 answers it 6 s after it ended: a barge-in and a slow answer too.
    expect(laneMarks(lines, thresholds)).toEqual([
      { kind: 'bargeIn', startMs: 1000, endMs: 2000, ms: 1000, lineIndex: 1 },
      { kind: 'latency', startMs: 2000, endMs: 8000, ms: 6000, lineIndex: 2 },
      { kind: 'silence', startMs: 5000, endMs: 8000, ms: 3000, lineIndex: 2 },
    ])
  })

  it('marks aiUnknown AI lines over the line, inferred ones too, and ignores the flag on a customer line', () => {
    const lines = [
      line(0, 'customer', 0, 1000, { aiUnknown: true }),
      line(1, 'ai', 1200, 2500, { aiUnknown: true }),
      line(2, 'customer', 2600, 3000),
      line(3, 'ai', 3100, 4000, { aiUnknown: true, inferred: true }),
    ]
    expect(laneMarks(lines, thresholds)).toEqual([
      { kind: 'aiUnknown', startMs: 1200, endMs: 2500, ms: 1300, lineIndex: 1 },
      { kind: 'aiUnknown', startMs: 3100, endMs: 4000, ms: 900, lineIndex: 3 },
    ])
  })

  it('reads no timing from inferred lines, and points at lines by their position in the transcript', () => {
    // The API's order is not the time order here; index 7 sits first in the array.
    const lines = [
      line(7, 'ai', 9000, 9500),
      line(5, 'customer', 0, 1000),
      line(6, 'ai', 1000, 1000, { inferred: true }),
    ]
    // Without the inferred line the customer line is followed by AI line 7, 8 s later.
    expect(laneMarks(lines, thresholds)).toEqual([
      { kind: 'latency', startMs: 1000, endMs: 9000, ms: 8000, lineIndex: 0 },
      { kind: 'silence', startMs: 1000, endMs: 9000, ms: 8000, lineIndex: 0 },
    ])
  })

  it('sorts marks by start, rows breaking ties, and gives nothing for an empty transcript', () => {
    const lines = [
      line(0, 'customer', 0, 1000),
      line(1, 'ai', 5000, 6000, { aiUnknown: true }),
      line(2, 'customer', 5500, 7000),
    ]
    expect(laneMarks(lines, thresholds).map((m) => [m.kind, m.startMs])).toEqual([
      ['latency', 1000],
      ['silence', 1000],
      ['aiUnknown', 5000],
      ['bargeIn', 5500],
    ])
    expect(laneMarks([], thresholds)).toEqual([])
  })
})
