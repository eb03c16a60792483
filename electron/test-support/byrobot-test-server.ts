// Test helper: a real HTTP server on 127.0.0.1:0 that answers with canned replies and
// records every request, how many were in flight at once, and when each arrived.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface SeenRequest {
  method: string
  path: string
  query: URLSearchParams
  headers: IncomingMessage['headers']
  body: string
  /** performance.now() when the request arrived. */
  at: number
}

export interface Reply {
  status?: number
  headers?: Record<string, string>
  /** A string or bytes are sent verbatim (for broken JSON, or audio); anything else as JSON. */
  body?: unknown
  /** Hold the answer this long (a slow server). */
  delayMs?: number
  /** Never answer (a stalled server); the socket closes with the server. */
  hang?: boolean
  /** Drop the connection without answering (a network failure). */
  destroy?: boolean
  /**
   * Send the headers at once, then these body chunks `gapMs` apart (a slow download); with
   * `cutOff`, the connection drops after the last one instead of the body ending (a truncated download).
   */
  chunks?: { parts: (string | Uint8Array)[]; gapMs: number; cutOff?: boolean }
}

export type Handler = (request: SeenRequest, index: number) => Reply

export interface TestServer {
  /** e.g. http://127.0.0.1:41234/openapi/v1 */
  baseUrl: string
  origin: string
  requests: SeenRequest[]
  maxInFlight: number
  close(): Promise<void>
}

export function envelope(data: unknown, code = 200, resultMsg = '操作成功'): Record<string, unknown> {
  return { code, data, resultMsg, errorStackTrace: null }
}

export async function startTestServer(handler: Handler): Promise<TestServer> {
  let inFlight = 0
  const state = { requests: [] as SeenRequest[], maxInFlight: 0 }
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    inFlight++
    state.maxInFlight = Math.max(state.maxInFlight, inFlight)
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1')
      const seen: SeenRequest = {
        method: req.method ?? 'GET',
        path: url.pathname,
        query: url.searchParams,
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        at: performance.now(),
      }
      state.requests.push(seen)
      const reply = handler(seen, state.requests.length - 1)
      if (reply.hang) return
      const answer = (): void => {
        inFlight--
        if (reply.destroy) {
          req.socket.destroy()
          return
        }
        if (reply.chunks) {
          streamChunks(res, reply)
          return
        }
        const body =
          typeof reply.body === 'string' || reply.body instanceof Uint8Array
            ? reply.body
            : JSON.stringify(reply.body ?? null)
        res.writeHead(reply.status ?? 200, { 'content-type': 'application/json; charset=utf-8', ...reply.headers })
        res.end(body)
      }
      if (reply.delayMs) setTimeout(answer, reply.delayMs)
      else answer()
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  const origin = `http://127.0.0.1:${port}`
  return {
    baseUrl: `${origin}/openapi/v1`,
    origin,
    get requests() {
      return state.requests
    },
    get maxInFlight() {
      return state.maxInFlight
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

function streamChunks(res: ServerResponse, reply: Reply): void {
  const { parts, gapMs } = reply.chunks ?? { parts: [], gapMs: 0 }
  res.writeHead(reply.status ?? 200, { 'content-type': 'audio/wav', ...reply.headers })
  res.flushHeaders()
  let k = 0
  const next = (): void => {
    if (res.destroyed) return
    if (k === parts.length) {
      if (reply.chunks?.cutOff) res.socket?.destroy()
      else res.end()
      return
    }
    res.write(parts[k++])
    setTimeout(next, gapMs)
  }
  setTimeout(next, gapMs)
}
