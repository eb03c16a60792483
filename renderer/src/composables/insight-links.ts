// The insights page's numbers as links into the calls list: each cell, bar and count names the
// calls-list filter that finds exactly the calls behind it (the filter fields of contract/calls.ts).
import type { CallFilterInput, InsightOverview } from '@shared/contract'

type Cell = InsightOverview['accuracy'][number]['matrix'][number]

/** The scope every link keeps: one task, or every task (no taskId). */
function scope(taskId: number | null): CallFilterInput {
  return taskId === null ? {} : { taskId }
}

/** The calls counted, and those with a verdict. */
export function callsFilter(taskId: number | null, reviewed = false): CallFilterInput {
  return reviewed ? { ...scope(taskId), reviewState: 'reviewed' } : scope(taskId)
}

/**
 * One confusion-matrix cell: the calls where the robot said `robot` and the reviewer `reviewer`.
 * Same value: confirmed; no robot value: missed (the reviewer added it); else corrected.
 */
export function matrixCellFilter(taskId: number | null, name: string, cell: Cell): CallFilterInput {
  if (cell.robot === null) {
    return { ...scope(taskId), tagChecks: [{ name, state: 'missed', reviewerValue: cell.reviewer }] }
  }
  const state = cell.robot === cell.reviewer ? 'confirmed' : 'corrected'
  return { ...scope(taskId), tagChecks: [{ name, state, robotValue: cell.robot, reviewerValue: cell.reviewer }] }
}

/** The calls whose tag `name` was checked in any way, or (confirmed) whose robot value was kept. */
export function tagCheckFilter(taskId: number | null, name: string, confirmed = false): CallFilterInput {
  return { ...scope(taskId), tagChecks: [confirmed ? { name, state: 'confirmed' } : { name }] }
}

export function bargeInFilter(taskId: number | null): CallFilterInput {
  return { ...scope(taskId), hasBargeIn: true }
}

export function aiUnknownFilter(taskId: number | null): CallFilterInput {
  return { ...scope(taskId), hasAiUnknown: true }
}

/**
 * The calls the customer hung up after this AI line. Null content (hung up before any AI line)
 * has no filter: the calls list cannot ask for "no AI line".
 */
export function dropOffFilter(taskId: number | null, content: string | null): CallFilterInput | null {
  return content === null ? null : { ...scope(taskId), hungUpBy: 'customer', lastAiLine: content }
}

/** The calls with at least one AI answer this slow (a percentile's link). */
export function slowerThanFilter(taskId: number | null, ms: number): CallFilterInput {
  return { ...scope(taskId), aiLatencyMinMs: ms }
}

/** A share of the calls, or null with no calls to share. */
export function rate(count: number, total: number): number | null {
  return total > 0 ? count / total : null
}

export interface LatencyBucket {
  /** Inclusive bounds in ms; a missing one is open. */
  min?: number
  max?: number
  calls: number
  filter: CallFilterInput
}

/** Lower edges of the buckets after "< 0" (the AI talked over the customer): 0–499, 500–999, … */
export const LATENCY_EDGES_MS = [0, 500, 1000, 1500, 2000, 3000, 5000] as const

/**
 * Calls by their slowest AI answer (aiLatencyMaxMs, whole ms). Every bucket from 0 ms is shown,
 * empty or not; "< 0" only when a call has one. Bounds are inclusive, as the calls filter reads them.
 */
export function latencyBuckets(taskId: number | null, slowest: readonly number[]): LatencyBucket[] {
  const ranges: { min?: number; max?: number }[] = [{ max: -1 }]
  LATENCY_EDGES_MS.forEach((min, i) => {
    const next = LATENCY_EDGES_MS[i + 1]
    ranges.push(next === undefined ? { min } : { min, max: next - 1 })
  })
  const buckets = ranges.map((range) => {
    const calls = slowest.filter(
      (ms) => (range.min === undefined || ms >= range.min) && (range.max === undefined || ms <= range.max),
    ).length
    const filter: CallFilterInput = { ...scope(taskId) }
    if (range.min !== undefined) filter.aiLatencyMinMs = range.min
    if (range.max !== undefined) filter.aiLatencyMaxMs = range.max
    return { ...range, calls, filter }
  })
  return buckets[0]!.calls > 0 ? buckets : buckets.slice(1)
}

/** `< 0`, `0–499`, `5000+` (ms). */
export function bucketLabel(bucket: Pick<LatencyBucket, 'min' | 'max'>): string {
  if (bucket.min === undefined) return `< ${(bucket.max ?? 0) + 1}`
  if (bucket.max === undefined) return `≥ ${bucket.min}`
  return `${bucket.min}–${bucket.max}`
}
