// ByrobotClient: the only code that talks to the BYRobot open API. Holds the credentials,
// signs every attempt, and returns CallLens domain types or throws ByrobotError/AppFailure.
import type { z } from 'zod'
import {
  AppFailure,
  type CallDetail,
  type CallSummary,
  type NotDialedCustomer,
  type Task,
  type TaskDetail,
} from '../../shared/contract'
import { peaksPool } from '../media/peaks-pool'
import { recordingFetchVia, type OpenRecording, type RecordingFetch } from '../media/recording-answer'
import { ByrobotError, errorForHttpStatus, redactSecret } from './errors'
import {
  normalizeCallDetail,
  normalizeCallSummary,
  normalizeNotDialed,
  normalizePage,
  normalizeTask,
  normalizeTaskDetail,
  type Page,
} from './normalize'
import { parseAnswer } from './parse'
import {
  buildUrl,
  callDetailQuery,
  doneCallsBody,
  endpointLabel,
  ENDPOINTS,
  notDialedBody,
  taskDetailQuery,
  tasksQuery,
  type EndpointName,
  type ListDoneCallsQuery,
  type ListNotDialedQuery,
  type ListTasksQuery,
  type Query,
} from './requests'
import { parseRetryAfter } from './retry-after'
import {
  pageSchema,
  rawCallDetailSchema,
  rawDoneCallSchema,
  rawNotDialedSchema,
  rawTaskDetailSchema,
  rawTaskSchema,
} from './schemas'
import { signedHeaders, type Credentials } from './sign'
import { DEFAULT_RETRY_POLICY, Transport, type RetryPolicy } from './transport'

export interface ByrobotClientOptions {
  /** e.g. "http://api.byrobot.cn/openapi/v1"; a trailing slash is fine. */
  baseUrl: string
  appKey: string
  appSecret: string
  companyId: number
  /** Per attempt, until the whole body has arrived (recordings: until the headers). Default 15 000. */
  timeoutMs?: number
  /** Retries after the first attempt, for transient failures only. Default 4. */
  retries?: number
  /** Requests in flight at once, across all methods of this client. Default 6. */
  concurrency?: number
  fetch?: typeof globalThis.fetch
  /**
   * How a recording URL is fetched, one attempt at a time. Default: in a peaks worker thread, which
   * also reads, digests and writes the body (the bytes never reach this thread) — or, when `fetch`
   * is given (the network edge of a test), through that fetch, the body read on this thread.
   */
  recordingFetch?: RecordingFetch
  /** Jitter source in [0, 1). Default Math.random. */
  random?: () => number
  /** Backoff tuning; defaults in DEFAULT_RETRY_POLICY (200 ms × 2ⁿ, at most 5 s). */
  retry?: Partial<Omit<RetryPolicy, 'retries'>>
  /** Clock for the `datetime` header. */
  now?: () => Date
}

export interface CallOptions {
  /** Aborting rejects with AppFailure('cancelled'); a cancelled call is never retried. */
  signal?: AbortSignal
}

export interface ConnectionCheck {
  ok: true
  /** null when the server leaves `total` out. */
  taskCount: number | null
}

export const DEFAULT_TIMEOUT_MS = 15_000
export const DEFAULT_CONCURRENCY = 6

export class ByrobotClient {
  readonly companyId: number
  readonly baseUrl: string
  // A true private field: never enumerable, never in JSON.stringify(client) or a log of it.
  readonly #credentials: Credentials
  readonly #fetch: typeof globalThis.fetch
  readonly #recordingFetch: RecordingFetch
  readonly #now: () => Date
  readonly #transport: Transport

  constructor(options: ByrobotClientOptions) {
    const base = parseHttpUrl(options.baseUrl)
    if (!base) throw new AppFailure('invalid_input', 'The API base URL must be an http or https address.')
    if (!Number.isSafeInteger(options.companyId)) throw new AppFailure('invalid_input', 'companyId must be a number.')
    const concurrency = options.concurrency ?? DEFAULT_CONCURRENCY
    if (!Number.isInteger(concurrency) || concurrency < 1) {
      throw new AppFailure('invalid_input', 'concurrency must be a whole number from 1.')
    }
    this.baseUrl = options.baseUrl
    this.companyId = options.companyId
    this.#credentials = { appKey: options.appKey, appSecret: options.appSecret }
    this.#fetch = options.fetch ?? globalThis.fetch
    this.#recordingFetch =
      options.recordingFetch ??
      (options.fetch
        ? recordingFetchVia(options.fetch, (bytes, destination) => peaksPool().digest(bytes, destination))
        : (url, signal) => peaksPool().fetch(url, signal))
    this.#now = options.now ?? (() => new Date())
    this.#transport = new Transport({
      timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      concurrency,
      random: options.random ?? Math.random,
      retry: { ...DEFAULT_RETRY_POLICY, ...options.retry, retries: options.retries ?? DEFAULT_RETRY_POLICY.retries },
    })
  }

  async listTasks(query: ListTasksQuery, options: CallOptions = {}): Promise<Page<Task>> {
    const raw = await this.request(
      'tasks',
      { query: tasksQuery(this.companyId, query) },
      pageSchema(rawTaskSchema),
      options,
    )
    return normalizePage(raw, query, (row) => normalizeTask(row, this.companyId))
  }

  async getTaskDetail(taskId: number, options: CallOptions = {}): Promise<TaskDetail> {
    const query = taskDetailQuery(this.companyId, taskId)
    const raw = await this.request('taskDetail', { query }, rawTaskDetailSchema.nullish(), options)
    if (raw == null) throw this.notFound('taskDetail', `task ${taskId}`)
    return normalizeTaskDetail(raw, this.companyId)
  }

  async listDoneCalls(query: ListDoneCallsQuery, options: CallOptions = {}): Promise<Page<CallSummary>> {
    const raw = await this.request('doneCalls', { body: doneCallsBody(query) }, pageSchema(rawDoneCallSchema), options)
    return normalizePage(raw, query, (row) => normalizeCallSummary(row, query.taskId))
  }

  async listNotDialed(query: ListNotDialedQuery, options: CallOptions = {}): Promise<Page<NotDialedCustomer>> {
    const raw = await this.request('notDialed', { body: notDialedBody(query) }, pageSchema(rawNotDialedSchema), options)
    return normalizePage(raw, query, (row) => normalizeNotDialed(row, query.taskId))
  }

  async getCallDetail(callInstanceId: number, options: CallOptions = {}): Promise<CallDetail> {
    const query = callDetailQuery(callInstanceId)
    const raw = await this.request('callDetail', { query }, rawCallDetailSchema.nullish(), options)
    if (raw == null) throw this.notFound('callDetail', `call ${callInstanceId}`)
    return normalizeCallDetail(raw, callInstanceId)
  }

  /** One task-list page of one row: proves base URL, credentials and companyId together. */
  async testConnection(options: CallOptions = {}): Promise<ConnectionCheck> {
    const page = await this.listTasks({ pageNum: 1, pageSize: 1 }, options)
    return { ok: true, taskCount: page.total }
  }

  /**
   * A recording URL answered 2xx, its body unread (in a worker thread by default: `recordingFetch`)
   * for the caller to save. Object storage gets no auth headers; the timeout covers only the wait
   * for the headers, the caller's signal the body too.
   */
  async fetchRecording(url: string, signal?: AbortSignal): Promise<OpenRecording> {
    const target = parseHttpUrl(url)
    if (!target) throw new AppFailure('invalid_input', 'A recording address must be an http or https URL.')
    // Host and path only: signed storage URLs carry access tokens in the query.
    const endpoint = `GET recording ${target.host}${target.pathname}`
    return this.guard(
      this.#transport.run(endpoint, signal, async (attemptSignal) => {
        // The timeout stops at the headers; the caller's signal still governs the body.
        const answer = await this.#recordingFetch(
          target,
          signal ? AbortSignal.any([attemptSignal, signal]) : attemptSignal,
        )
        if (answer.ok) return answer
        const retryAfterMs = parseRetryAfter(answer.retryAfter)
        throw errorForHttpStatus(endpoint, answer.status, answer.text, retryAfterMs)
      }),
    )
  }

  private request<S extends z.ZodType>(
    name: EndpointName,
    input: { query?: Query; body?: Record<string, unknown> },
    schema: S,
    options: CallOptions,
  ): Promise<z.output<S>> {
    const { method, path } = ENDPOINTS[name]
    const endpoint = endpointLabel(name)
    const url = buildUrl(this.baseUrl, path, input.query)
    const body = input.body === undefined ? undefined : JSON.stringify(input.body)
    return this.guard(
      this.#transport.run(endpoint, options.signal, async (signal) => {
        // Signed per attempt: the server checks datetime against its clock.
        const headers = signedHeaders(this.#credentials, this.#now(), { json: method === 'POST' })
        const response = await this.#fetch(url, { method, headers, body, signal })
        const text = await response.text()
        const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'))
        return parseAnswer(endpoint, { status: response.status, body: text, retryAfterMs }, schema)
      }),
    )
  }

  private notFound(name: EndpointName, what: string): ByrobotError {
    const endpoint = endpointLabel(name)
    return new ByrobotError('api_not_found', `${endpoint}: the API has no ${what}.`, { endpoint, envelopeCode: 200 })
  }

  /** Every error leaves the client scrubbed of the secret. */
  private async guard<T>(work: Promise<T>): Promise<T> {
    try {
      return await work
    } catch (error) {
      throw error instanceof AppFailure ? redactSecret(error, this.#credentials.appSecret) : error
    }
  }
}

function parseHttpUrl(value: string): URL | null {
  try {
    const url = new URL(value)
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : null
  } catch {
    return null
  }
}
