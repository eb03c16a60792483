// The insight report of a profile's cache, for the CLI's `stats` (and the app's insights page):
// a row per call with a stored detail, and a row per task summing its calls up.
import { AppFailure } from '../../shared/contract'
import {
  callInsight,
  taskInsight,
  type CallInsight,
  type InsightReport,
  type TaskInsightCall,
} from '../../shared/insight'
import type { CallCache } from '../cache'

/**
 * Tasks: every live task, and any task the server no longer lists whose calls are still cached,
 * by id. With taskId only that one; a task the cache has never seen is not_found.
 */
export function buildInsightReport(cache: CallCache, taskId?: number): InsightReport {
  const perTask = new Map<number, TaskInsightCall[]>()
  const calls: CallInsight[] = []
  for (const row of cache.insightCalls(taskId)) {
    const { insight, latencies } = callInsight(row)
    calls.push(insight)
    const entry = { insight, latencies, reviewed: row.verdict !== null, tagChecks: row.tagChecks }
    const list = perTask.get(row.callJobId)
    if (list) list.push(entry)
    else perTask.set(row.callJobId, [entry])
  }
  const known = cache.listTasks({ includeDeleted: true })
  const ids = new Set([
    ...known.filter((item) => item.deletedAt === null || perTask.has(item.task.taskId)).map((item) => item.task.taskId),
    ...perTask.keys(),
  ])
  if (taskId !== undefined) {
    if (!ids.has(taskId) && !known.some((item) => item.task.taskId === taskId)) {
      throw new AppFailure('not_found', `No task ${taskId} in the cache`)
    }
    ids.clear()
    ids.add(taskId)
  }
  const tasks = [...ids].sort((a, b) => a - b).map((id) => taskInsight(id, perTask.get(id) ?? []))
  return { calls, tasks }
}
