// What the conversation lane under the waveform marks: slow AI answers, barge-ins (their overlap),
// long silences and aiUnknown lines, from the insight definitions in @shared/insight (never redone here).
import { aiLatencies, aiUnknownLines, bargeIns, silences } from '@shared/insight'
import type { TranscriptLine } from '@shared/contract'

export type LaneMarkKind = 'latency' | 'bargeIn' | 'silence' | 'aiUnknown'

/** Lane rows, top to bottom: each kind keeps its own row, so marks that coincide stay visible. */
export const LANE_KINDS: readonly LaneMarkKind[] = ['aiUnknown', 'bargeIn', 'latency', 'silence']
export const LANE_ROW_PX = 5
export const LANE_GAP_PX = 1
/** The lane's height: the player keeps room for it before it is drawn. */
export const LANE_HEIGHT_PX = LANE_KINDS.length * (LANE_ROW_PX + LANE_GAP_PX) + LANE_GAP_PX

/**
 * Fixed thresholds, not settings: the lane points at moments worth a listen, and a reviewer
 * comparing two calls needs the same bar on both. 2 s is a long wait on a phone line.
 */
export const LANE_THRESHOLDS = { latencyOverMs: 2000, silenceFromMs: 3000 } as const
export type LaneThresholds = { latencyOverMs: number; silenceFromMs: number }

export interface LaneMark {
  kind: LaneMarkKind
  /** latency: the customer's end → the AI's start; bargeIn: the overlap; silence: the pause; aiUnknown: the line. */
  startMs: number
  endMs: number
  /** How long it measures: the wait, the overlap, the pause or the line. */
  ms: number
  /** Position in the transcript array of the line it is about (the AI line, the customer line, the line after the pause). */
  lineIndex: number
}

/** Marks of one call, sorted by start (then by lane row). */
export function laneMarks(lines: readonly TranscriptLine[], thresholds: LaneThresholds = LANE_THRESHOLDS): LaneMark[] {
  // The metrics name lines by their `index`; the page addresses them by position.
  const position = new Map(lines.map((line, i) => [line.index, i]))
  const at = (index: number) => position.get(index) ?? -1
  const byIndex = new Map(lines.map((line) => [line.index, line]))
  const marks: LaneMark[] = []
  for (const pair of aiLatencies(lines)) {
    if (pair.ms <= thresholds.latencyOverMs) continue
    const startMs = byIndex.get(pair.customerIndex)!.endMs
    marks.push({ kind: 'latency', startMs, endMs: startMs + pair.ms, ms: pair.ms, lineIndex: at(pair.aiIndex) })
  }
  for (const barge of bargeIns(lines)) {
    const customer = byIndex.get(barge.customerIndex)!
    const ai = byIndex.get(barge.aiIndex)!
    const startMs = Math.max(ai.startMs, customer.startMs)
    marks.push({
      kind: 'bargeIn',
      startMs,
      endMs: startMs + barge.overlapMs,
      ms: barge.overlapMs,
      lineIndex: at(barge.customerIndex),
    })
  }
  for (const silence of silences(lines)) {
    if (silence.ms < thresholds.silenceFromMs) continue
    marks.push({
      kind: 'silence',
      startMs: silence.fromMs,
      endMs: silence.fromMs + silence.ms,
      ms: silence.ms,
      lineIndex: at(silence.beforeIndex),
    })
  }
  for (const line of aiUnknownLines(lines)) {
    marks.push({
      kind: 'aiUnknown',
      startMs: line.startMs,
      endMs: Math.max(line.startMs, line.endMs),
      ms: Math.max(0, line.endMs - line.startMs),
      lineIndex: at(line.index),
    })
  }
  return marks.sort((a, b) => a.startMs - b.startMs || LANE_KINDS.indexOf(a.kind) - LANE_KINDS.indexOf(b.kind))
}
