// Tasks in the cache: the task list as last synced, each task's detail, and per-task sync
// statistics for the task list view.
import type { Task, TaskDetail } from '../../shared/contract/domain'
import { REVIEWED_CALL_IDS } from './call-filter-sql'
import type { Db } from './database'
import { likeContains } from './sql-text'

export interface TaskListQuery {
  /** Substring of the task name. */
  name?: string
  /** 'YYYY-MM-DD'. Task carries no creation date, so this matches the task's start date. */
  createDate?: string
  status?: number
  /** Also list tasks that a complete task-list sync no longer saw. */
  includeDeleted?: boolean
}

export interface TaskSyncStats {
  /** Calls from the done-call list stored in the cache. */
  callsCached: number
  /** Of those, calls whose detail (transcript, results, recordings) is wholly stored. */
  callsDetailed: number
  /** Of the calls stored, those reviewed (REVIEWED_CALL_IDS: the review has a verdict). */
  callsReviewed: number
  /** The done-call list's `total` at the last sync, null before any. */
  listTotal: number | null
  recordingsCached: number
  callErrors: number
  lastSyncedAt: string | null
  phase: string | null
  error: string | null
}

export interface TaskListItem {
  task: Task
  detailSyncedAt: string | null
  deletedAt: string | null
  stats: TaskSyncStats
}

const TASK_COLUMNS = [
  ['taskId', 'task_id'],
  ['companyId', 'company_id'],
  ['name', 'name'],
  ['jobType', 'job_type'],
  ['status', 'status'],
  ['startDate', 'start_date'],
  ['workingStartTime', 'working_start_time'],
  ['workingEndTime', 'working_end_time'],
  ['breakStartTime', 'break_start_time'],
  ['breakEndTime', 'break_end_time'],
  ['remark', 'remark'],
  ['sceneDefId', 'scene_def_id'],
  ['sceneDefName', 'scene_def_name'],
  ['robotDefName', 'robot_def_name'],
  ['sceneRecordName', 'scene_record_name'],
  ['totalCount', 'total_count'],
  ['doneCount', 'done_count'],
  ['calledCount', 'called_count'],
  ['rejectedCount', 'rejected_count'],
  ['unavailableCount', 'unavailable_count'],
  ['fromUnavailableCount', 'from_unavailable_count'],
] as const satisfies readonly (readonly [keyof Task, string])[]

const DETAIL_COLUMNS = [
  ['durationStat', 'duration_stat'],
  ['chatRoundStat', 'chat_round_stat'],
  ['resultDefs', 'result_defs'],
  ['extraStat', 'extra_stat'],
  ['callerLines', 'caller_lines'],
] as const satisfies readonly (readonly [keyof TaskDetail, string])[]

type Row = Record<string, unknown>

function taskParams(task: Task): Row {
  return Object.fromEntries(TASK_COLUMNS.map(([key, column]) => [column, task[key]]))
}

function rowToTask(row: Row): Task {
  return Object.fromEntries(TASK_COLUMNS.map(([key, column]) => [key, row[column]])) as Task
}

function parseJson<T>(text: unknown, fallback: T): T {
  return typeof text === 'string' ? (JSON.parse(text) as T) : fallback
}

/**
 * extra_stat holds the charted groups as an object; with statistics we could not read, the pair
 * [groups, raw text] instead, so they are kept without a new column (an array is never a group map).
 */
function encodeExtraStat(detail: TaskDetail): string {
  const { extraStat, unrecognisedStats } = detail
  return JSON.stringify(unrecognisedStats === undefined ? extraStat : [extraStat, unrecognisedStats])
}

function decodeExtraStat(text: unknown): Pick<TaskDetail, 'extraStat' | 'unrecognisedStats'> {
  const stored = parseJson<unknown>(text, {})
  if (!Array.isArray(stored)) return { extraStat: stored as TaskDetail['extraStat'] }
  const [extraStat, unrecognisedStats] = stored as [TaskDetail['extraStat'], string]
  return { extraStat, unrecognisedStats }
}

export class TaskStore {
  private readonly upsert
  private readonly saveDetailStatement

  constructor(
    private readonly db: Db,
    private readonly now: () => Date,
  ) {
    const columns = TASK_COLUMNS.map(([, c]) => c)
    const updates = columns.filter((c) => c !== 'task_id').map((c) => `${c} = excluded.${c}`)
    this.upsert = db.prepare(
      `INSERT INTO tasks (${columns.join(', ')}, synced_at) VALUES (${columns.map((c) => `@${c}`).join(', ')}, @synced_at)
       ON CONFLICT (task_id) DO UPDATE SET ${updates.join(', ')}, synced_at = excluded.synced_at, deleted_at = NULL`,
    )
    const details = DETAIL_COLUMNS.map(([, c]) => c)
    this.saveDetailStatement = db.prepare(
      `UPDATE tasks SET ${details.map((c) => `${c} = @${c}`).join(', ')}, detail_synced_at = @synced_at WHERE task_id = @task_id`,
    )
  }

  upsertTasks(tasks: readonly Task[]): void {
    const syncedAt = this.now().toISOString()
    this.db.transaction(() => {
      for (const task of tasks) this.upsert.run({ ...taskParams(task), synced_at: syncedAt })
    })()
  }

  /** After a complete task-list sync: marks tasks the server no longer lists. Returns how many. */
  retireTasksNotIn(taskIds: readonly number[]): number {
    const at = this.now().toISOString()
    return this.db
      .prepare(
        `UPDATE tasks SET deleted_at = ? WHERE deleted_at IS NULL AND task_id NOT IN (SELECT value FROM json_each(?))`,
      )
      .run(at, JSON.stringify(taskIds)).changes
  }

  saveTaskDetail(detail: TaskDetail): void {
    const syncedAt = this.now().toISOString()
    this.db.transaction(() => {
      this.upsert.run({ ...taskParams(detail), synced_at: syncedAt })
      const json = Object.fromEntries(DETAIL_COLUMNS.map(([key, column]) => [column, JSON.stringify(detail[key])]))
      json.extra_stat = encodeExtraStat(detail)
      this.saveDetailStatement.run({ ...json, task_id: detail.taskId, synced_at: syncedAt })
    })()
  }

  /** The task with its detail; the detail's lists are empty until getTaskDetail has been synced. */
  getTaskDetail(taskId: number): TaskDetail | null {
    const row = this.db.prepare('SELECT * FROM tasks WHERE task_id = ?').get(taskId) as Row | undefined
    if (!row) return null
    return {
      ...rowToTask(row),
      durationStat: parseJson(row.duration_stat, []),
      chatRoundStat: parseJson(row.chat_round_stat, []),
      resultDefs: parseJson(row.result_defs, []),
      callerLines: parseJson(row.caller_lines, []),
      ...decodeExtraStat(row.extra_stat),
    }
  }

  listTasks(query: TaskListQuery = {}): TaskListItem[] {
    const where: string[] = []
    const params: unknown[] = []
    if (query.name) {
      where.push(`t.name LIKE ? ESCAPE '\\'`)
      params.push(likeContains(query.name))
    }
    if (query.createDate) {
      // Range, not LIKE, so the start_date index serves it.
      where.push('t.start_date >= ? AND t.start_date < ?')
      params.push(query.createDate, `${query.createDate}\u{10FFFF}`)
    }
    if (query.status !== undefined) {
      where.push('t.status = ?')
      params.push(query.status)
    }
    if (!query.includeDeleted) where.push('t.deleted_at IS NULL')
    const rows = this.db
      .prepare(
        `SELECT t.*,
           coalesce(counted.calls, 0) AS calls_cached,
           coalesce(counted.pending, 0) AS calls_pending,
           coalesce(reviewed.n, 0) AS calls_reviewed,
           coalesce(recorded.n, 0) AS recordings_cached,
           coalesce(failed.n, 0) AS call_errors,
           s.list_total, s.last_synced_at, s.phase, s.error
         FROM tasks t LEFT JOIN sync_state s ON s.task_id = t.task_id
         -- Kept by triggers (task-call-counts.ts): counting each task's calls here read every call.
         LEFT JOIN task_call_counts counted ON counted.task_id = t.task_id
         -- Counted once for all tasks, from the reviewed calls (far fewer than the calls): per task,
         -- every call of the task would be looked up in the reviews.
         LEFT JOIN (SELECT c.task_id, count(*) AS n FROM calls c WHERE c.call_id IN (${REVIEWED_CALL_IDS})
                    GROUP BY c.task_id) reviewed ON reviewed.task_id = t.task_id
         -- The same for recordings and errors: each row finds its call, rather than every call of
         -- every task being looked up in them (a million look-ups in a million-call cache). CROSS JOIN
         -- fixes that order: without statistics the planner took an empty call_errors for the cheap
         -- side and probed it once per call (≈ 60 ms at 1M calls).
         LEFT JOIN (SELECT c.task_id, count(*) AS n FROM recordings r CROSS JOIN calls c ON c.call_id = r.call_id
                    WHERE r.kind = 'full' GROUP BY c.task_id) recorded ON recorded.task_id = t.task_id
         LEFT JOIN (SELECT c.task_id, count(*) AS n FROM call_errors e CROSS JOIN calls c ON c.call_id = e.call_id
                    GROUP BY c.task_id) failed ON failed.task_id = t.task_id
         ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
         ORDER BY t.start_date DESC, t.task_id DESC`,
      )
      .all(...params) as Row[]
    return rows.map((row) => ({
      task: rowToTask(row),
      detailSyncedAt: row.detail_synced_at as string | null,
      deletedAt: row.deleted_at as string | null,
      stats: {
        callsCached: row.calls_cached as number,
        callsDetailed: (row.calls_cached as number) - (row.calls_pending as number),
        callsReviewed: row.calls_reviewed as number,
        listTotal: row.list_total as number | null,
        recordingsCached: row.recordings_cached as number,
        callErrors: row.call_errors as number,
        lastSyncedAt: row.last_synced_at as string | null,
        phase: row.phase as string | null,
        error: row.error as string | null,
      },
    }))
  }
}
