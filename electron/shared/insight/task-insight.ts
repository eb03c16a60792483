// One task's row of the insight report: its calls' metrics summed up, latency percentiles over
// every AI-latency pair of its calls, the drop-off list and the tag accuracy of its checks.
import type { TagCheck } from '../contract/reviews'
import type { CallInsight } from './call-insight'
import { nearestRank } from './percentile'
import { tagAccuracy, type TagAccuracy } from './tag-accuracy'

export interface TaskInsightCall {
  insight: CallInsight
  latencies: readonly number[]
  /** The review has a verdict (what "reviewed" means everywhere in CallLens). */
  reviewed: boolean
  tagChecks: readonly TagCheck[]
}

/** Calls that ended with the customer hanging up after this AI line (null: before any AI line). */
export interface DropOff {
  content: string | null
  calls: number
}

/** Key names and order are the CLI's JSON, as issue 15 gives them. */
export interface TaskInsight {
  callJobId: number
  calls: number
  reviewed: number
  aiLatencyP50Ms: number | null
  aiLatencyP90Ms: number | null
  bargeInCalls: number
  aiUnknownCalls: number
  dropOff: DropOff[]
  accuracy: TagAccuracy[]
}

/** Most frequent first; ties by text, and "before any AI line" after the lines. */
export function dropOff(calls: Iterable<CallInsight>): DropOff[] {
  const counts = new Map<string | null, number>()
  for (const call of calls) {
    if (call.hungUpBy !== 'customer') continue
    const content = call.lastAiLine?.content ?? null
    counts.set(content, (counts.get(content) ?? 0) + 1)
  }
  return [...counts.entries()]
    .map(([content, n]) => ({ content, calls: n }))
    .sort(
      (a, b) =>
        b.calls - a.calls ||
        (a.content === null ? 1 : 0) - (b.content === null ? 1 : 0) ||
        ((a.content ?? '') < (b.content ?? '') ? -1 : (a.content ?? '') > (b.content ?? '') ? 1 : 0),
    )
}

export function taskInsight(callJobId: number, calls: readonly TaskInsightCall[]): TaskInsight {
  const latencies = calls.flatMap((call) => call.latencies)
  return {
    callJobId,
    calls: calls.length,
    reviewed: calls.filter((call) => call.reviewed).length,
    aiLatencyP50Ms: nearestRank(latencies, 50),
    aiLatencyP90Ms: nearestRank(latencies, 90),
    bargeInCalls: calls.filter((call) => call.insight.bargeIns > 0).length,
    aiUnknownCalls: calls.filter((call) => call.insight.aiUnknownLines > 0).length,
    dropOff: dropOff(calls.map((call) => call.insight)),
    accuracy: tagAccuracy(calls.map((call) => call.tagChecks)),
  }
}
