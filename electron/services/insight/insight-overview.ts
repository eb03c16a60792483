// The insights page's numbers: one task's calls or every task's taken together, summed up exactly as
// the `stats` report sums up a task (the same taskInsight), with each call's slowest AI answer.
import { AppFailure, type InsightOverview } from '../../shared/contract'
import { callInsight, taskInsight, type TaskInsightCall } from '../../shared/insight'
import type { CallCache } from '../cache'

/** A task the cache has never seen (neither listed nor with a cached call) is not_found. */
export function buildInsightOverview(cache: CallCache, taskId?: number): InsightOverview {
  const calls: TaskInsightCall[] = []
  const slowest: number[] = []
  for (const row of cache.insightCalls(taskId)) {
    const { insight, latencies } = callInsight(row)
    calls.push({ insight, latencies, reviewed: row.verdict !== null, tagChecks: row.tagChecks })
    if (insight.aiLatencyMaxMs !== null) slowest.push(insight.aiLatencyMaxMs)
  }
  if (
    taskId !== undefined &&
    calls.length === 0 &&
    !cache.listTasks({ includeDeleted: true }).some((item) => item.task.taskId === taskId)
  ) {
    throw new AppFailure('not_found', `No task ${taskId} in the cache`)
  }
  const task = taskInsight(taskId ?? 0, calls)
  return {
    taskId: taskId ?? null,
    calls: task.calls,
    reviewed: task.reviewed,
    aiLatencyP50Ms: task.aiLatencyP50Ms,
    aiLatencyP90Ms: task.aiLatencyP90Ms,
    bargeInCalls: task.bargeInCalls,
    aiUnknownCalls: task.aiUnknownCalls,
    dropOff: task.dropOff,
    accuracy: task.accuracy,
    aiLatencyMaxMs: slowest.sort((a, b) => a - b),
  }
}
