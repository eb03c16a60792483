// The simulator's HTTP server: routes /openapi/v1 (auth, faults, envelope), /recordings and
// /__admin. Auth and parameter errors answer HTTP 200 with the code in the envelope, as BYRobot does.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { ADMIN_PREFIX, handleAdmin } from './admin'
import { API_BASE_PATH, API_ROUTES } from './api/routes'
import { verifyRequest } from './auth'
import { ApiError, CODE, fail, javaStackTrace, type Envelope } from './envelope'
import { PROXY_502_HTML, type FaultInjector } from './faults'
import { RateLimiter } from './rate-limit'
import { answerWithQuirks, NO_QUIRKS, serveRecordingQuirk, type Quirks } from './quirks'
import { BodyTooLargeError, delay, JSON_TYPE, readBody, sendJson, sendText } from './http-util'
import { isRecordingPath, serveRecording } from './recordings/serve-recording'
import type { SimStore } from './store/sim-store'

export interface SimServerOptions {
  store: SimStore
  faults: FaultInjector
  /** Server clock, ms (tests move it to check the datetime window). */
  now?: () => number
  /** Real-world shapes and per-task/per-call failures (quirks.ts); replaced at run time. */
  quirks?: { current: Quirks }
}

export interface SimServer {
  server: Server
  /** Requests held open by the hang fault; they are dropped when the server closes. */
  hungRequests(): number
}

function parseJsonBody(raw: string): unknown {
  try {
    return JSON.parse(raw)
  } catch {
    throw new ApiError(CODE.badParam, '参数错误：请求体不是合法的 JSON')
  }
}

async function answerApi(
  options: Required<SimServerOptions>,
  req: IncomingMessage,
  route: (typeof API_ROUTES)[string],
  path: string,
  url: URL,
  rawBody: string,
): Promise<Envelope> {
  if (req.method !== route.method) {
    return fail(405, `请求方法 ${req.method ?? ''} 不支持，应为 ${route.method}`)
  }
  const now = options.now()
  const auth = verifyRequest(req.headers, (key) => options.store.credential(key), now)
  if (!auth.ok) return fail(CODE.unauthorized, auth.message)
  try {
    const ctx = {
      store: options.store,
      credential: auth.credential,
      query: url.searchParams,
      body: req.method === 'POST' ? parseJsonBody(rawBody) : undefined,
      origin: url.origin,
      now,
      churn: options.faults.config.churn,
    }
    return answerWithQuirks(options.quirks.current, path, ctx, route.handler)
  } catch (error) {
    if (error instanceof ApiError) return fail(error.code, error.message)
    return fail(CODE.serverError, '系统异常', (error as Error).stack ?? String(error))
  }
}

export function createSimServer(input: SimServerOptions): SimServer {
  const options: Required<SimServerOptions> = { now: () => Date.now(), quirks: { current: NO_QUIRKS }, ...input }
  const hung = new Set<ServerResponse>()
  let requests = 0
  const limiter = new RateLimiter()
  let limitedRate = -1

  /** The rate limit, counted as a request arrives (a gateway's view); null when it may go on. */
  function rateLimited(): number | null {
    const { rate } = options.faults.config
    if (rate !== limitedRate) {
      limitedRate = rate
      limiter.set(rate, options.now())
    }
    return limiter.take(options.now())
  }

  function sendRateLimited(res: ServerResponse, retryAfterSeconds: number | string): void {
    sendJson(res, 429, fail(429, '请求过于频繁，请稍后再试'), { 'Retry-After': String(retryAfterSeconds) })
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    requests++
    const url = new URL(req.url ?? '/', `http://${req.headers.host ?? '127.0.0.1'}`)
    const pathname = url.pathname
    const rawBody = await readBody(req)

    if (pathname.startsWith(ADMIN_PREFIX)) {
      const admin = {
        store: options.store,
        faults: options.faults,
        now: options.now,
        hungRequests: () => hung.size,
        requestCount: () => requests,
        rateLimited: () => ({ accepted: limiter.accepted, rejected: limiter.rejected }),
        quirks: options.quirks,
      }
      return handleAdmin(admin, req, res, pathname, rawBody)
    }
    const limited = rateLimited()
    if (isRecordingPath(pathname)) {
      await delay(options.faults.delayMs())
      if (limited !== null) return sendRateLimited(res, limited)
      if (serveRecordingQuirk(options.quirks.current, pathname, res)) return
      return serveRecording(options.store, req, res, pathname)
    }
    const path = pathname.startsWith(`${API_BASE_PATH}/`) ? pathname.slice(API_BASE_PATH.length) : ''
    const route = API_ROUTES[path]
    if (!route) return sendJson(res, 404, fail(CODE.notFound, `接口不存在：${pathname}`))

    await delay(options.faults.delayMs())
    if (limited !== null) return sendRateLimited(res, limited)
    const fault = options.faults.decide()
    if (fault === 'hang') {
      // Never answer: the client's timeout is what is being tested.
      hung.add(res)
      res.on('close', () => hung.delete(res))
      return
    }
    if (fault === '502') return sendText(res, 502, PROXY_502_HTML, 'text/html')
    if (fault === '429') return sendRateLimited(res, options.faults.config.retryAfter)
    if (fault === '500')
      return sendJson(res, 200, fail(CODE.serverError, '系统繁忙，请稍后再试', javaStackTrace('db timeout')))

    const envelope = await answerApi(options, req, route, path, url, rawBody)
    const status = envelope.code === 405 ? 405 : 200
    const text = JSON.stringify(envelope)
    // A body cut in half: valid HTTP, broken JSON, as a proxy dropping a connection leaves it.
    sendText(res, status, fault === 'malformed' ? text.slice(0, Math.floor(text.length / 2)) : text, JSON_TYPE)
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (res.headersSent) return void res.destroy()
      if (error instanceof BodyTooLargeError) return sendJson(res, 413, fail(413, '请求体过大'))
      sendJson(res, 500, fail(CODE.serverError, '系统异常', javaStackTrace(String(error))))
    })
  })
  return { server, hungRequests: () => hung.size }
}
