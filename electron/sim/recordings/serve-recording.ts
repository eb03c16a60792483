// GET/HEAD /recordings/<callInstanceId>[_user].<mp3|wav>: object-storage style recording URLs
// (no signature), with byte ranges so players can seek.
import { createReadStream, statSync } from 'node:fs'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { SimStore } from '../store/sim-store'
import type { RecordingSource } from '../store/types'
import { parseRange } from './range'
import { wavSize, wavStream } from './wav-synth'

const PATH = /^\/recordings\/(\d{1,15})(_user)?\.(mp3|wav)$/
const CONTENT_TYPE = { mp3: 'audio/mpeg', wav: 'audio/wav' } as const

function notFound(res: ServerResponse): void {
  // Object storage answers a missing key with XML; plain text is enough to be "not JSON".
  res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('NoSuchKey')
}

function sizeOf(source: RecordingSource): number {
  return source.kind === 'file' ? statSync(source.path).size : wavSize(source)
}

function body(source: RecordingSource, start: number, end: number): NodeJS.ReadableStream {
  return source.kind === 'file' ? createReadStream(source.path, { start, end }) : wavStream(source, start, end)
}

export function isRecordingPath(pathname: string): boolean {
  return pathname.startsWith('/recordings/')
}

export function serveRecording(store: SimStore, req: IncomingMessage, res: ServerResponse, pathname: string): void {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { Allow: 'GET, HEAD' }).end()
    return
  }
  const m = PATH.exec(pathname)
  if (!m) return notFound(res)
  const [, id = '', user, ext = ''] = m
  const source = store.anyCall(Number(id))?.recording(user ? 'user' : 'mix') ?? null
  if (!source || source.ext !== ext) return notFound(res)

  let size: number
  try {
    size = sizeOf(source)
  } catch {
    return notFound(res)
  }
  const headers = {
    'Content-Type': CONTENT_TYPE[source.ext],
    'Accept-Ranges': 'bytes',
    'Access-Control-Allow-Origin': '*',
    'Cache-Control': 'public, max-age=86400',
  }
  const range = parseRange(req.headers.range, size)
  if (range.kind === 'unsatisfiable') {
    res.writeHead(416, { ...headers, 'Content-Range': `bytes */${size}`, 'Content-Length': 0 }).end()
    return
  }
  const [status, start, end] = range.kind === 'partial' ? [206, range.start, range.end] : [200, 0, size - 1]
  res.writeHead(status, {
    ...headers,
    'Content-Length': end - start + 1,
    ...(status === 206 ? { 'Content-Range': `bytes ${start}-${end}/${size}` } : {}),
  })
  if (req.method === 'HEAD' || size === 0) {
    res.end()
    return
  }
  const stream = body(source, start, end)
  stream.on('error', () => res.destroy())
  stream.pipe(res)
}
