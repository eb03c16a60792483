// What each endpoint sends: paths, query strings and JSON bodies in the API's own
// names, built from CallLens's names, with the documented page-size limits checked.
import { AppFailure } from '../../shared/contract'

export const ENDPOINTS = {
  tasks: { method: 'GET', path: '/task/getTasks', maxPageSize: 100 },
  taskDetail: { method: 'GET', path: '/task/getTaskDetail' },
  doneCalls: { method: 'POST', path: '/task/queryDoneTaskPhones', maxPageSize: 50 },
  notDialed: { method: 'POST', path: '/task/notDialedCustomerList', maxPageSize: 50 },
  callDetail: { method: 'GET', path: '/task/phoneLogInfo' },
} as const

export type EndpointName = keyof typeof ENDPOINTS

/** "GET /task/getTasks": how errors and logs name an endpoint. */
export function endpointLabel(name: EndpointName): string {
  const { method, path } = ENDPOINTS[name]
  return `${method} ${path}`
}

export type Query = Record<string, string | number | boolean | undefined>

export interface PageQuery {
  pageNum: number
  pageSize: number
}

export interface ListTasksQuery extends PageQuery {
  taskName?: string
  /** "YYYY-MM-DD" */
  createDate?: string
  status?: number
  /** needAll: also tasks marked deleted. */
  includeDeleted?: boolean
}

export interface ListDoneCallsQuery extends PageQuery {
  taskId: number
  durationMin?: number
  durationMax?: number
  chatRoundMin?: number
  chatRoundMax?: number
  finishStatus?: number
  results?: { name: string; value: string }[]
}

export interface ListNotDialedQuery extends PageQuery {
  taskId: number
}

export function tasksQuery(companyId: number, q: ListTasksQuery): Query {
  checkPage('tasks', q)
  return {
    companyId,
    taskName: q.taskName || undefined,
    createDate: q.createDate || undefined,
    status: q.status,
    needAll: q.includeDeleted,
    pageNum: q.pageNum,
    pageSize: q.pageSize,
  }
}

export function taskDetailQuery(companyId: number, taskId: number): Query {
  checkId('taskDetail', 'taskId', taskId)
  return { companyId, taskId }
}

export function doneCallsBody(q: ListDoneCallsQuery): Record<string, unknown> {
  checkId('doneCalls', 'taskId', q.taskId)
  checkPage('doneCalls', q)
  const body: Record<string, unknown> = {
    callJobId: q.taskId,
    durationLeft: q.durationMin,
    durationRight: q.durationMax,
    chatRoundLeft: q.chatRoundMin,
    chatRoundRight: q.chatRoundMax,
    finishStatus: q.finishStatus,
    pageNum: q.pageNum,
    pageSize: q.pageSize,
    resultQueryList: q.results?.length ? q.results.map(({ name, value }) => ({ name, value })) : undefined,
  }
  // JSON.stringify drops undefined; leaving filters out means "no filter" to the API.
  return body
}

export function notDialedBody(q: ListNotDialedQuery): Record<string, unknown> {
  checkId('notDialed', 'taskId', q.taskId)
  checkPage('notDialed', q)
  return { taskId: q.taskId, pageNum: q.pageNum, pageSize: q.pageSize }
}

export function callDetailQuery(callInstanceId: number): Query {
  checkId('callDetail', 'callInstanceId', callInstanceId)
  return { callInstanceId }
}

/** baseUrl + path + query; a trailing slash on baseUrl is tolerated. */
export function buildUrl(baseUrl: string, path: string, query: Query = {}): string {
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(query)) if (value !== undefined) params.set(key, String(value))
  const search = params.toString()
  return `${baseUrl.replace(/\/+$/, '')}${path}${search ? `?${search}` : ''}`
}

function checkPage(name: 'tasks' | 'doneCalls' | 'notDialed', q: PageQuery): void {
  const max = ENDPOINTS[name].maxPageSize
  if (!Number.isInteger(q.pageNum) || q.pageNum < 1) {
    throw new AppFailure('invalid_input', `${endpointLabel(name)}: pageNum must be a whole number from 1.`)
  }
  if (!Number.isInteger(q.pageSize) || q.pageSize < 1 || q.pageSize > max) {
    throw new AppFailure('invalid_input', `${endpointLabel(name)}: pageSize must be from 1 to ${max}.`)
  }
}

function checkId(name: EndpointName, field: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new AppFailure('invalid_input', `${endpointLabel(name)}: ${field} must be a whole number.`)
  }
}
