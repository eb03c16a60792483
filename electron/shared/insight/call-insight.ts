// One call's row of the insight report (the CLI's `stats` calls[] and the calls page's facts),
// from its transcript and hang-up: every number defined in conversation.ts.
import {
  aiLatencies,
  aiUnknownLines,
  bargeIns,
  hungUpBy,
  lastAiLine,
  silences,
  timedLines,
  type ConversationLine,
  type HungUpBy,
} from './conversation'
import { maxOf, nearestRank } from './percentile'

export interface InsightCallInput {
  callInstanceId: number
  callJobId: number
  hangUp: number | null
  transcript: readonly ConversationLine[]
}

/** Key names and order are the CLI's JSON, as issue 15 gives them. */
export interface CallInsight {
  callInstanceId: number
  callJobId: number
  aiLatencyP50Ms: number | null
  aiLatencyMaxMs: number | null
  bargeIns: number
  maxSilenceMs: number | null
  aiUnknownLines: number
  hungUpBy: HungUpBy | null
  lastAiLine: { index: number; content: string } | null
}

export interface CallInsightWithPairs {
  insight: CallInsight
  /** Every AI latency of the call, in ms: a task's percentiles are over all its calls' pairs. */
  latencies: number[]
}

export function callInsight(call: InsightCallInput): CallInsightWithPairs {
  const latencies = aiLatencies(call.transcript).map((pair) => pair.ms)
  const gaps = silences(call.transcript).map((silence) => silence.ms)
  return {
    insight: {
      callInstanceId: call.callInstanceId,
      callJobId: call.callJobId,
      aiLatencyP50Ms: nearestRank(latencies, 50),
      aiLatencyMaxMs: maxOf(latencies),
      bargeIns: bargeIns(call.transcript).length,
      maxSilenceMs: timedLines(call.transcript).length < 2 ? null : maxOf(gaps),
      aiUnknownLines: aiUnknownLines(call.transcript).length,
      hungUpBy: hungUpBy(call.hangUp),
      lastAiLine: lastAiLine(call.transcript),
    },
    latencies,
  }
}
