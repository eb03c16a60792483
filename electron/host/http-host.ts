// Browser mode's transport: the route table and the event stream over HTTP on
// 127.0.0.1, guarded by a per-launch token and a Host check.
//   POST /api/invoke  {channel, input} → Result      (Authorization: Bearer TOKEN)
//   GET  /api/events  → text/event-stream of AppEvent (Authorization: Bearer TOKEN)
//   GET  /media/<callId>/<full|customer> → a cached recording, Range-aware (token header or cookie)
//   GET  /export/<ticket> → an export streamed as a download (single-use ticket from export.calls, and token header or cookie)
//   GET  /*           → the built renderer (no data in it, so no token: a URL fragment never reaches a server)
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { resolve } from 'node:path'
import { fail, type Result } from '../shared/contract/result'
import { CONTENT_SECURITY_POLICY, CSP_HEADER_ONLY } from '../shared/csp'
import type { EventBus } from '../services/events/event-bus'
import type { ExportDownload } from '../services/export/export-downloads'
import { replyWithRecording, parseMediaPath, type MediaSource } from '../services/media/media-source'
import {
  exportCookie,
  hasValidExportToken,
  hasValidMediaToken,
  hasValidToken,
  isAllowedHost,
  isAllowedOrigin,
  mediaCookie,
} from './security'
import { serveStatic } from './static-files'

const MAX_BODY_BYTES = 1024 * 1024

/** A Result serialised already (by the backend worker, which has it as an object): sent as it is. */
export class ResultJson {
  constructor(readonly text: string) {}
}

type MaybeAsync<T> = T | Promise<T>

/**
 * What answers /api and /media: host-backend.ts builds it from the routes and services in this
 * thread; backend-worker-client.ts is the same over a worker thread.
 */
export interface HostBackend {
  invoke(channel: unknown, input: unknown): Promise<Result<unknown> | ResultJson>
  events: Pick<EventBus, 'subscribe'>
  media?: { recordingFile(...args: Parameters<MediaSource['recordingFile']>): MaybeAsync<string | null> }
  /** The export a ticket from export.calls opens (once), or null. */
  download?(ticket: string): MaybeAsync<ExportDownload | null>
}

export interface HostOptions {
  /**
   * May still be loading when the host starts listening: API and media requests wait for it. A
   * function is called once, when the backend is first needed: at the first API or media request,
   * or as soon as a script of the page has been sent — so that loading it (a few hundred ms of
   * module evaluation on this one thread) does not hold up the files the browser needs first.
   */
  backend: HostBackend | Promise<HostBackend> | (() => Promise<HostBackend>)
  rendererDir: string
  token: string
  port?: number
}

export interface RunningHost {
  port: number
  url: string
  close(): Promise<void>
}

const SECURITY_HEADERS = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY + CSP_HEADER_ONLY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
}

function sendJson(response: ServerResponse, status: number, body: Result<unknown> | ResultJson): void {
  const text = body instanceof ResultJson ? body.text : JSON.stringify(body)
  response.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' })
  response.end(text)
}

function readBody(request: IncomingMessage): Promise<string | null> {
  return new Promise((resolveBody, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    request.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > MAX_BODY_BYTES) {
        resolveBody(null)
        request.destroy()
        return
      }
      chunks.push(chunk)
    })
    request.on('end', () => resolveBody(Buffer.concat(chunks).toString('utf8')))
    request.on('error', reject)
  })
}

export async function startHost(options: HostOptions): Promise<RunningHost> {
  const rendererDir = resolve(options.rendererDir)
  const sockets = new Set<ServerResponse>()
  let port = 0
  const load = options.backend
  let loaded: Promise<HostBackend> | null = typeof load === 'function' ? null : Promise.resolve(load)
  const backendReady = (): Promise<HostBackend> => (loaded ??= (load as () => Promise<HostBackend>)())

  async function handleInvoke(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (request.method !== 'POST') return sendJson(response, 405, fail('invalid_input', 'Use POST'))
    const body = await readBody(request)
    if (body === null) return sendJson(response, 413, fail('invalid_input', 'Request body too large'))
    let message: unknown
    try {
      message = JSON.parse(body)
    } catch {
      return sendJson(response, 400, fail('invalid_input', 'Request body is not JSON'))
    }
    if (typeof message !== 'object' || message === null || !('channel' in message)) {
      return sendJson(response, 400, fail('invalid_input', 'Expected {"channel", "input"}'))
    }
    const { channel, input } = message as { channel: unknown; input?: unknown }
    const backend = await backendReady()
    sendJson(response, 200, await backend.invoke(channel, input))
  }

  async function handleEvents(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const backend = await backendReady()
    // The browser may have gone while the backend was loading: then nothing would unsubscribe.
    if (request.socket.destroyed) return
    response.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
    })
    response.write(': connected\n\n')
    sockets.add(response)
    const unsubscribe = backend.events.subscribe((event) => {
      response.write(`data: ${JSON.stringify(event)}\n\n`)
    })
    request.on('close', () => {
      unsubscribe()
      sockets.delete(response)
    })
  }

  async function handleMedia(request: IncomingMessage, response: ServerResponse, mediaPath: string): Promise<void> {
    if (!isAllowedOrigin(request.headers.origin, port) || !hasValidMediaToken(request, options.token)) {
      response.writeHead(401, { 'Content-Type': 'text/plain' }).end('Missing or wrong CallLens token')
      return
    }
    const target = parseMediaPath(mediaPath)
    const backend = await backendReady()
    const file = target && backend.media ? await backend.media.recordingFile(target.callInstanceId, target.kind) : null
    const reply = replyWithRecording(file, request.headers.range)
    response.writeHead(reply.status, reply.headers)
    if (reply.body && request.method !== 'HEAD') reply.body.pipe(response)
    else {
      reply.body?.destroy()
      response.end()
    }
  }

  async function handleExport(request: IncomingMessage, response: ServerResponse, ticket: string): Promise<void> {
    if (!isAllowedOrigin(request.headers.origin, port) || !hasValidExportToken(request, options.token)) {
      response.writeHead(401, { 'Content-Type': 'text/plain' }).end('Missing or wrong CallLens token')
      return
    }
    // A ticket opens one download: a HEAD would spend it.
    if (request.method !== 'GET') {
      response.writeHead(405, { Allow: 'GET' }).end()
      return
    }
    const backend = await backendReady()
    const download = (await backend.download?.(ticket)) ?? null
    if (!download) {
      response
        .writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' })
        .end('This export link was used already or has expired: export again')
      return
    }
    response.writeHead(200, {
      'Content-Type': download.mimeType,
      'Content-Disposition': `attachment; filename="${download.fileName}"`,
      'Cache-Control': 'no-store',
    })
    try {
      await download.write(response)
    } catch (error) {
      console.error('CallLens host: export failed:', error instanceof Error ? error.message : error)
      // The status is sent already: a broken connection is how the browser learns the download failed.
      response.destroy()
    }
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) response.setHeader(name, value)
    if (!isAllowedHost(request.headers.host, port)) {
      response.writeHead(421, { 'Content-Type': 'text/plain' }).end('Misdirected request: wrong Host')
      return
    }
    const path = new URL(request.url ?? '/', `http://127.0.0.1:${port}`).pathname
    if (path.startsWith('/api/')) {
      if (!isAllowedOrigin(request.headers.origin, port) || !hasValidToken(request, options.token)) {
        return sendJson(response, 401, fail('unauthorized', 'Missing or wrong CallLens token'))
      }
      response.setHeader('Set-Cookie', [mediaCookie(options.token), exportCookie(options.token)])
      if (path === '/api/invoke') return handleInvoke(request, response)
      if (path === '/api/events' && request.method === 'GET') return handleEvents(request, response)
      return sendJson(response, 404, fail('not_found', `No API at ${path}`))
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405).end()
      return
    }
    if (path.startsWith('/media/')) return handleMedia(request, response, path.slice('/media/'.length))
    if (path.startsWith('/export/')) return handleExport(request, response, path.slice('/export/'.length))
    if (!serveStatic(rendererDir, path, response)) {
      response.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found')
      return
    }
    // The page's first script is on its way and takes the browser a while to run: the backend
    // loads meanwhile. Its failure is the loader's to report; here it only must not go unhandled.
    if (path.endsWith('.js')) response.once('finish', () => backendReady().catch(() => undefined))
  }

  const server: Server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      console.error('CallLens host: request failed:', error instanceof Error ? error.message : error)
      if (!response.headersSent) sendJson(response, 500, fail('internal', 'Host error'))
      else response.end()
    })
  })

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, '127.0.0.1', () => resolveListen())
  })
  port = (server.address() as AddressInfo).port

  return {
    port,
    url: `http://127.0.0.1:${port}/#token=${options.token}`,
    close: () =>
      new Promise<void>((resolveClose) => {
        for (const socket of sockets) socket.end()
        server.close(() => resolveClose())
        server.closeAllConnections()
      }),
  }
}
