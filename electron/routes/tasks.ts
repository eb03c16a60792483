import { AppFailure, type TaskRow } from '../shared/contract'
import type { TaskListItem } from '../services/cache'
import type { Routes } from './route-table'

function toRow(item: TaskListItem): TaskRow {
  const { stats } = item
  return {
    ...item.task,
    sync: {
      lastSyncedAt: stats.lastSyncedAt,
      callsCached: stats.callsDetailed,
      listTotal: stats.listTotal,
      recordingsCached: stats.recordingsCached,
      callErrors: stats.callErrors,
    },
    progress: { reviewed: stats.callsReviewed, total: stats.callsCached },
  }
}

export const tasksRoutes: Routes<'tasks'> = {
  'tasks.list': (filter, { workspace }) => workspace.current().cache.listTasks(filter).map(toRow),
  'tasks.get': ({ taskId }, { workspace }) => {
    const { cache } = workspace.current()
    const item = cache.listTasks({ includeDeleted: true }).find((candidate) => candidate.task.taskId === taskId)
    if (!item) throw new AppFailure('not_found', `Task ${taskId} is not cached`)
    return { task: toRow(item), detail: cache.getTaskDetail(taskId) }
  },
  'tasks.notDialed': ({ taskId }, { workspace }) => workspace.current().cache.listNotDialed(taskId),
}
