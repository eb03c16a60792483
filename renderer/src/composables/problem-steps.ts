// Next / previous problem in a call: the lane's marks and the reviewer's comments as one list of
// moments, and the step from the playhead to the next or previous one (of one kind, or of any).
import type { LaneMark, LaneMarkKind } from '../components/player/lane-marks'
import type { PlayerMarker } from '../components/player/types'
import { NAV_TOLERANCE_MS } from './useTranscriptSync'

export type ProblemKind = LaneMarkKind | 'comment'

export interface Problem {
  kind: ProblemKind
  /** Where a jump puts the playhead (the transcript then highlights the line sounding there). */
  startMs: number
}

/**
 * Within this after a problem's start the playhead is "at" it, and previous goes to the one
 * before; later, previous goes back to its start (as a media player's previous track does).
 */
export const AT_PROBLEM_MS = 1000

/** Every problem of the call, sorted by start. */
export function callProblems(marks: readonly LaneMark[], comments: readonly PlayerMarker[]): Problem[] {
  return [
    ...marks.map((mark) => ({ kind: mark.kind, startMs: mark.startMs })),
    ...comments.map((comment) => ({ kind: 'comment' as const, startMs: comment.atMs })),
  ].sort((a, b) => a.startMs - b.startMs)
}

/**
 * The first problem starting after the playhead (direction 1), or the previous one (-1), of the
 * kind asked for (any when null); null when there is none that way.
 */
export function stepProblem(
  problems: readonly Problem[],
  nowMs: number,
  direction: 1 | -1,
  kind: ProblemKind | null = null,
): Problem | null {
  const ofKind = kind === null ? problems : problems.filter((problem) => problem.kind === kind)
  // A seek lands a hair before the time asked for: standing at a problem is not before it.
  const started = ofKind.filter((problem) => problem.startMs <= nowMs + NAV_TOLERANCE_MS)
  if (direction === 1) return ofKind[started.length] ?? null
  const at = started.length - 1
  const current = started[at]
  if (!current) return null
  return nowMs - current.startMs < AT_PROBLEM_MS ? (started[at - 1] ?? null) : current
}
