// Real-world shapes and per-task / per-call failures the simulator can be told to serve (all off
// by default): paged answers without total/pages or capped below the asked pageSize, a task whose
// detail or lists fail, a call whose recording is gone (404/410), refused (file://) or not audio.
import type { ServerResponse } from 'node:http'
import type { ApiContext, ApiHandler } from './api/context'
import { ApiError, CODE, ok, type Envelope } from './envelope'

/** An envelope error code (HTTP 200, as the API sends them) or a detail of the wrong shape. */
export type TaskFault = 403 | 404 | 500 | 'malformed'
export const TASK_FAULTS: readonly TaskFault[] = [403, 404, 500, 'malformed']

export interface TaskQuirk {
  detail?: TaskFault
  doneCalls?: TaskFault
  notDialed?: TaskFault
}

/**
 * How a call's recording (both tracks) fails: a storage status (403 as for an expired signature,
 * 404 missing, 410 removed), a file:// URL in the API's answers, or an HTML body.
 */
export type RecordingQuirk = 403 | 404 | 410 | 'file' | 'not-audio'
export const RECORDING_QUIRKS: readonly RecordingQuirk[] = [403, 404, 410, 'file', 'not-audio']
const STORAGE_CODES = { 403: 'AccessDenied', 404: 'NoSuchKey', 410: 'Gone' } as const

export interface Quirks {
  /** Paged answers leave out `total` and `pages` (as the document's notDialedCustomerList example). */
  omitTotals: boolean
  /** At most this many rows a page whatever was asked, the asked pageSize echoed back; 0 = off. */
  pageSizeCap: number
  tasks: Record<number, TaskQuirk>
  recordings: Record<number, RecordingQuirk>
}

export const NO_QUIRKS: Quirks = { omitTotals: false, pageSizeCap: 0, tasks: {}, recordings: {} }

const TASK_ROUTES = {
  '/task/getTaskDetail': { quirk: 'detail', id: (ctx) => ctx.query.get('taskId') },
  '/task/queryDoneTaskPhones': { quirk: 'doneCalls', id: (ctx) => bodyField(ctx, 'callJobId') },
  '/task/notDialedCustomerList': { quirk: 'notDialed', id: (ctx) => bodyField(ctx, 'taskId') },
} satisfies Record<string, { quirk: keyof TaskQuirk; id: (ctx: ApiContext) => unknown }>

const PAGED_ROUTES = new Set(['/task/getTasks', '/task/queryDoneTaskPhones', '/task/notDialedCustomerList'])

function bodyField(ctx: ApiContext, name: string): unknown {
  return typeof ctx.body === 'object' && ctx.body !== null ? (ctx.body as Record<string, unknown>)[name] : undefined
}

/** Checks a quirks object from a test or the admin endpoint; names the first problem. */
export function validateQuirks(input: unknown): Quirks {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) throw new Error('quirks must be an object')
  const raw = input as Record<string, unknown>
  for (const key of Object.keys(raw)) if (!(key in NO_QUIRKS)) throw new Error(`unknown quirk "${key}"`)
  const quirks: Quirks = { ...NO_QUIRKS, tasks: {}, recordings: {} }
  if (raw['omitTotals'] !== undefined) {
    if (typeof raw['omitTotals'] !== 'boolean') throw new Error('omitTotals must be true or false')
    quirks.omitTotals = raw['omitTotals']
  }
  if (raw['pageSizeCap'] !== undefined) {
    const cap = raw['pageSizeCap']
    if (typeof cap !== 'number' || !Number.isInteger(cap) || cap < 0) throw new Error('pageSizeCap must be 0 or more')
    quirks.pageSizeCap = cap
  }
  for (const [id, quirk] of Object.entries(record(raw['tasks'], 'tasks'))) {
    const entry = record(quirk, `tasks.${id}`)
    for (const [where, fault] of Object.entries(entry)) {
      if (!['detail', 'doneCalls', 'notDialed'].includes(where)) throw new Error(`unknown task quirk "${where}"`)
      if (!TASK_FAULTS.includes(fault as TaskFault))
        throw new Error(`tasks.${id}.${where} must be 403, 404, 500 or "malformed"`)
    }
    quirks.tasks[positiveId(id)] = entry as TaskQuirk
  }
  for (const [id, quirk] of Object.entries(record(raw['recordings'], 'recordings'))) {
    if (!RECORDING_QUIRKS.includes(quirk as RecordingQuirk)) {
      throw new Error(`recordings.${id} must be 403, 404, 410, "file" or "not-audio"`)
    }
    quirks.recordings[positiveId(id)] = quirk as RecordingQuirk
  }
  return quirks
}

function record(value: unknown, name: string): Record<string, unknown> {
  if (value === undefined) return {}
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error(`${name} must be an object`)
  return value as Record<string, unknown>
}

function positiveId(key: string): number {
  const id = Number(key)
  if (!Number.isSafeInteger(id) || id < 1) throw new Error(`"${key}" is not an id`)
  return id
}

/** Answers a route as the quirks say: a task fault instead of the handler, or its page reshaped. */
export function answerWithQuirks(quirks: Quirks, path: string, ctx: ApiContext, handler: ApiHandler): Envelope {
  const taskRoute = TASK_ROUTES[path as keyof typeof TASK_ROUTES]
  const fault = taskRoute ? quirks.tasks[Number(taskRoute.id(ctx))]?.[taskRoute.quirk] : undefined
  if (fault === 'malformed') return ok('任务数据异常')
  if (fault === 500) throw new Error('task quirk: 500')
  if (fault !== undefined) throw new ApiError(fault === 403 ? CODE.forbidden : CODE.notFound, '无权限或任务不存在')

  const paged = PAGED_ROUTES.has(path)
  const asked = paged ? askedPageSize(ctx) : undefined
  const capped = paged && quirks.pageSizeCap > 0 ? withPageSize(ctx, asked, quirks.pageSizeCap) : ctx
  const envelope = handler(capped) as Envelope
  const data = envelope.data as Record<string, unknown> | null
  if (paged && data && typeof data === 'object') {
    if (quirks.pageSizeCap > 0 && asked !== undefined) {
      // The asked size echoed, and pages counted by it, as if the cap were not there.
      data['pageSize'] = asked
      if (typeof data['total'] === 'number') data['pages'] = Math.ceil(data['total'] / asked)
    }
    if (quirks.omitTotals) {
      delete data['total']
      delete data['pages']
    }
  }
  rewriteRecordingUrls(quirks, path, data)
  return envelope
}

function askedPageSize(ctx: ApiContext): number | undefined {
  const raw = ctx.body === undefined ? ctx.query.get('pageSize') : bodyField(ctx, 'pageSize')
  const size = Number(raw ?? 10)
  return Number.isInteger(size) ? size : undefined
}

function withPageSize(ctx: ApiContext, asked: number | undefined, cap: number): ApiContext {
  if (asked === undefined || asked <= cap) return ctx
  if (ctx.body === undefined) {
    const query = new URLSearchParams(ctx.query)
    query.set('pageSize', String(cap))
    return { ...ctx, query }
  }
  return { ...ctx, body: { ...(ctx.body as Record<string, unknown>), pageSize: cap } }
}

/** A "file" quirk: the API names a file on its own disk, a URL CallLens must refuse to fetch. */
function rewriteRecordingUrls(quirks: Quirks, path: string, data: Record<string, unknown> | null): void {
  if (!data || Object.keys(quirks.recordings).length === 0) return
  const fileUrl = (id: unknown, url: unknown): unknown =>
    quirks.recordings[Number(id)] === 'file' && typeof url === 'string'
      ? `file:///data/byrobot/recordings/${new URL(url).pathname.split('/').pop()}`
      : url
  if (path === '/task/queryDoneTaskPhones' && Array.isArray(data['list'])) {
    for (const row of data['list'] as Record<string, unknown>[]) {
      row['luyinOssUrl'] = fileUrl(row['callInstanceId'], row['luyinOssUrl'])
    }
  }
  if (path === '/task/phoneLogInfo') {
    const log = data['phoneLog'] as Record<string, unknown>
    const instance = data['sceneInstance'] as Record<string, unknown>
    const id = instance['callInstanceId']
    log['luyinOssUrl'] = fileUrl(id, log['luyinOssUrl'])
    instance['luyinOssUrl'] = fileUrl(id, instance['luyinOssUrl'])
    instance['userLuyinOssUrl'] = fileUrl(id, instance['userLuyinOssUrl'])
  }
}

const RECORDING_ID = /^\/recordings\/(\d{1,15})(?:_user)?\.(?:mp3|wav)$/

/** Serves a recording quirk (a storage error page or an HTML body) and returns true, or returns false. */
export function serveRecordingQuirk(quirks: Quirks, pathname: string, res: ServerResponse): boolean {
  const id = RECORDING_ID.exec(pathname)?.[1]
  const quirk = id === undefined ? undefined : quirks.recordings[Number(id)]
  if (quirk === 403 || quirk === 404 || quirk === 410) {
    res.writeHead(quirk, { 'Content-Type': 'application/xml' })
    res.end(`<?xml version="1.0"?><Error><Code>${STORAGE_CODES[quirk]}</Code></Error>`)
    return true
  }
  if (quirk === 'not-audio') {
    // What a storage gateway's login page looks like to a downloader.
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' })
    res.end('<!doctype html><html><head><title>登录</title></head><body>请先登录</body></html>')
    return true
  }
  return false
}
