// What a campaign needs next, shared by the CLI and the app: the customers not dialed yet (to
// re-dial in another tool) and each task's progress with how much of it is cached and reviewed.
import type { CallCache, TaskListItem } from '../cache'

export interface ExportedNotDialed {
  callJobId: number
  jobName: string | null
  customerName: string | null
  customerTelephone: string | null
  callInstanceId: number
  status: number | null
  startTime: string | null
  callerPhone: string | null
  corpName: string | null
  calledTimes: number | null
}

export interface ExportedTask {
  callJobId: number
  jobName: string
  status: number | null
  totalCount: number | null
  doneCount: number | null
  /** Calls wholly cached (detail, transcript, recording), as the task list counts them. */
  cachedCalls: number
  /** Cached calls reviewed, as the task list counts them (the review has a verdict). */
  reviewedCalls: number
}

/** Live tasks, or the one named (even when the server no longer lists it). */
function tasksOf(cache: CallCache, taskId: number | undefined): TaskListItem[] {
  if (taskId === undefined) return cache.listTasks()
  return cache.listTasks({ includeDeleted: true }).filter((item) => item.task.taskId === taskId)
}

export function* exportNotDialed(cache: CallCache, taskId?: number): Generator<ExportedNotDialed> {
  for (const { task } of tasksOf(cache, taskId)) {
    for (const customer of cache.listNotDialed(task.taskId)) {
      yield {
        callJobId: task.taskId,
        jobName: task.name,
        customerName: customer.customerName,
        customerTelephone: customer.customerTelephone,
        callInstanceId: customer.callInstanceId,
        status: customer.status,
        startTime: customer.startTime,
        callerPhone: customer.callerPhone,
        corpName: customer.corpName,
        calledTimes: customer.calledTimes,
      }
    }
  }
}

export function* exportTasks(cache: CallCache, taskId?: number): Generator<ExportedTask> {
  for (const { task, stats } of tasksOf(cache, taskId)) {
    yield {
      callJobId: task.taskId,
      jobName: task.name,
      status: task.status,
      totalCount: task.totalCount,
      doneCount: task.doneCount,
      cachedCalls: stats.callsDetailed,
      reviewedCalls: stats.callsReviewed,
    }
  }
}
