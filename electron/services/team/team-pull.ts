// The team replica: the catalogue rows of the calls a member holds (task, call, results,
// transcript, recording URLs), read as the member in one snapshot and written into the
// profile's cache through the same stores the BYRobot sync writes with, so the calls and review
// pages read them unchanged and offline. Calls no longer held leave the cache; reviews stay.
import type { ClientBase } from 'pg'
import { callDetailSchema, type CallDetail, type TaskDetail } from '../../shared/contract'
import type { CallCache } from '../cache'

export interface HeldCall {
  detail: CallDetail
  /** What the catalogue row was published from: an unchanged version is not written again. */
  version: string
}

export interface HeldCatalogue {
  tasks: TaskDetail[]
  calls: HeldCall[]
  /** Held calls whose catalogue row could not be read as a call (kept out, named here). */
  unreadable: number[]
}

type Json = Record<string, unknown>

interface CallRow {
  call_id: string
  call_job_id: string
  start_time: string | null
  duration_sec: number | null
  finish_status: number | null
  recording_url: string | null
  customer_recording_url: string | null
  detail: Json
  version: string
}

interface TaskRow {
  call_job_id: string
  name: string
  detail: Json
  status: number | null
  total_count: number | null
  done_count: number | null
  called_count: number | null
  stats: Json
}

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null)
const num = (v: unknown): number | null => (typeof v === 'number' ? v : null)

// A member's own open or finished assignments, spelled out (RLS would give a lead the whole
// campaign): a call stays on the desktop after its verdict, leaves when released or reclaimed.
const HELD = `EXISTS (SELECT 1 FROM team.assignment a
  WHERE a.call_id = c.call_id AND a.assignee = current_user AND a.state IN ('open', 'done'))`

/** Reads the held calls' catalogue rows in one read-only snapshot. */
export function readHeldCatalogue(client: Pick<ClientBase, 'query'>): Promise<HeldCatalogue> {
  return readCatalogue(client)
}

/**
 * Reads catalogue rows in one read-only snapshot: the held calls', or the named calls' (as far as
 * RLS lets the member see them — a lead sees the whole catalogue; the lead's page opens calls so).
 */
export async function readCatalogue(client: Pick<ClientBase, 'query'>, callIds?: number[]): Promise<HeldCatalogue> {
  await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY')
  try {
    const { rows: calls } = await client.query<CallRow>(
      `SELECT c.call_id, c.call_job_id,
         to_char(c.start_time AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI:SS') AS start_time,
         c.duration_sec, c.finish_status, c.recording_url, c.customer_recording_url, c.detail,
         coalesce(c.source_version, '') || '|' || c.published_at::text AS version
       FROM team.call c WHERE ${callIds ? 'c.call_id = ANY($1::bigint[])' : HELD} ORDER BY c.call_id`,
      callIds ? [callIds] : [],
    )
    const ids = calls.map((c) => c.call_id)
    const { rows: results } = await client.query<{
      call_id: string
      name: string
      value: string
      description: string | null
    }>(
      'SELECT call_id, name, value, description FROM team.call_result WHERE call_id = ANY($1::bigint[]) ORDER BY call_id, ord',
      [ids],
    )
    const { rows: lines } = await client.query<{
      call_id: string
      line_index: number
      speaker: string
      content: string
      start_ms: number
      end_ms: number
      inferred: boolean
      user_mean: string | null
      ai_unknown: number | null
    }>(
      `SELECT call_id, line_index, speaker, content, start_ms, end_ms, inferred, user_mean, ai_unknown
       FROM team.transcript_line WHERE call_id = ANY($1::bigint[]) ORDER BY call_id, ord`,
      [ids],
    )
    const { rows: tasks } = await client.query<TaskRow>(
      `SELECT call_job_id, name, detail, status, total_count, done_count, called_count, stats
       FROM team.task WHERE call_job_id = ANY($1::bigint[]) ORDER BY call_job_id`,
      [[...new Set(calls.map((c) => c.call_job_id))]],
    )
    await client.query('COMMIT')
    const resultsOf = groupBy(results, (r) => r.call_id)
    const linesOf = groupBy(lines, (l) => l.call_id)
    const held: HeldCatalogue = { tasks: tasks.map(toTask), calls: [], unreadable: [] }
    for (const row of calls) {
      const parsed = callDetailSchema.safeParse({
        callInstanceId: Number(row.call_id),
        taskId: Number(row.call_job_id),
        customerName: str(row.detail.customerName),
        customerTelephone: str(row.detail.customerTelephone),
        status: num(row.detail.status),
        finishStatus: row.finish_status,
        durationSec: row.duration_sec,
        chatRound: num(row.detail.chatRound),
        startTime: row.start_time,
        endTime: str(row.detail.endTime),
        callerPhone: str(row.detail.callerPhone),
        recordingUrl: row.recording_url,
        redialTimes: num(row.detail.redialTimes),
        results: (resultsOf.get(row.call_id) ?? []).map((r) => ({ name: r.name, value: r.value, desc: r.description })),
        customerRecordingUrl: row.customer_recording_url,
        hangUp: num(row.detail.hangUp),
        callType: num(row.detail.callType),
        handlePerson: str(row.detail.handlePerson),
        properties: row.detail.properties ?? null,
        transcript: (linesOf.get(row.call_id) ?? []).map((l) => ({
          index: l.line_index,
          speaker: l.speaker,
          content: l.content,
          startMs: l.start_ms,
          endMs: l.end_ms,
          inferred: l.inferred,
          userMean: l.user_mean,
          aiUnknown: l.ai_unknown === null ? null : l.ai_unknown !== 0,
        })),
      })
      if (parsed.success) held.calls.push({ detail: parsed.data, version: row.version })
      else held.unreadable.push(Number(row.call_id))
    }
    return held
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined)
    throw error
  }
}

/** The held calls and, beside them, calls read for another reason (each call and task once). */
export function mergeCatalogues(held: HeldCatalogue, extra: HeldCatalogue): HeldCatalogue {
  const callIds = new Set(held.calls.map((c) => c.detail.callInstanceId))
  const taskIds = new Set(held.tasks.map((t) => t.taskId))
  return {
    tasks: [...held.tasks, ...extra.tasks.filter((t) => !taskIds.has(t.taskId))],
    calls: [...held.calls, ...extra.calls.filter((c) => !callIds.has(c.detail.callInstanceId))],
    unreadable: [...new Set([...held.unreadable, ...extra.unreadable])],
  }
}

function groupBy<T>(rows: T[], key: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>()
  for (const row of rows) {
    const k = key(row)
    const group = groups.get(k)
    if (group) group.push(row)
    else groups.set(k, [row])
  }
  return groups
}

/** The published task (see team-publish.ts: detail and stats) as the cache's TaskDetail. */
function toTask(row: TaskRow): TaskDetail {
  const { detail, stats } = row
  const extra = stats.extraStat
  return {
    taskId: Number(row.call_job_id),
    companyId: num(detail.companyId) ?? 0,
    name: row.name,
    jobType: num(detail.jobType),
    status: row.status,
    startDate: str(detail.startDate),
    workingStartTime: null,
    workingEndTime: null,
    breakStartTime: null,
    breakEndTime: null,
    remark: str(detail.remark),
    sceneDefId: null,
    sceneDefName: str(detail.sceneDefName),
    robotDefName: str(detail.robotDefName),
    sceneRecordName: null,
    totalCount: row.total_count,
    doneCount: row.done_count,
    calledCount: row.called_count,
    rejectedCount: num(stats.rejectedCount),
    unavailableCount: num(stats.unavailableCount),
    fromUnavailableCount: num(stats.fromUnavailableCount),
    durationStat: Array.isArray(stats.durationStat) ? (stats.durationStat as TaskDetail['durationStat']) : [],
    chatRoundStat: Array.isArray(stats.chatRoundStat) ? (stats.chatRoundStat as TaskDetail['chatRoundStat']) : [],
    resultDefs: Array.isArray(detail.resultDefs) ? (detail.resultDefs as TaskDetail['resultDefs']) : [],
    callerLines: [],
    // The cache keeps unreadable statistics as [groups, raw text] (task-store.ts); publish copied it as is.
    ...(Array.isArray(extra)
      ? { extraStat: (extra[0] ?? {}) as TaskDetail['extraStat'], unrecognisedStats: String(extra[1] ?? '') }
      : { extraStat: (extra ?? {}) as TaskDetail['extraStat'] }),
  }
}

export interface ApplyResult {
  written: number
  removed: number
  held: number
}

/**
 * Makes the cache hold exactly the held calls: new or changed ones written (their recordings and
 * recording marks kept), the rest removed with the tasks left empty. `versions` remembers what was
 * written (updated here); a call it does not know is written again.
 */
export function applyHeldCatalogue(cache: CallCache, held: HeldCatalogue, versions: Map<number, string>): ApplyResult {
  const heldIds = new Set(held.calls.map((c) => c.detail.callInstanceId))
  const cached = cache.cachedCallIds()
  const present = new Set(cached)
  const gone = cached.filter((id) => !heldIds.has(id))
  let written = 0
  cache.transaction(() => {
    for (const task of held.tasks) cache.saveTaskDetail(task)
    for (const { detail, version } of held.calls) {
      const id = detail.callInstanceId
      if (versions.get(id) === version && present.has(id)) continue
      cache.saveCallDetail(detail, [], cache.unavailableRecordings(id))
      versions.set(id, version)
      written++
    }
  })
  const removed = cache.removeCalls(gone)
  for (const id of gone) versions.delete(id)
  cache.removeTasksWithoutCalls()
  return { written, removed, held: heldIds.size }
}
