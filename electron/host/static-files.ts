// Serves the built renderer; never a path outside its directory.
import { createReadStream, readFileSync, statSync } from 'node:fs'
import type { ServerResponse } from 'node:http'
import { extname, join, normalize, sep } from 'node:path'

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
}

/**
 * Files up to this size are read at once and sent in one write: the page's entry (≈ 400 KB) then
 * leaves in one go instead of seven 64 KB reads through the thread pool, each waiting its turn on
 * a main thread that shares two cores with the backend loading and the browser at start-up.
 */
const READ_AT_ONCE_BYTES = 2 * 1024 * 1024

export function resolveStaticPath(rootDir: string, urlPath: string): string | null {
  let decoded: string
  try {
    decoded = decodeURIComponent(urlPath)
  } catch {
    return null
  }
  if (decoded.includes('\0')) return null
  const relative = decoded === '/' ? 'index.html' : decoded.replace(/^\/+/, '')
  const full = normalize(join(rootDir, relative))
  return full.startsWith(rootDir + sep) ? full : null
}

export function serveStatic(rootDir: string, urlPath: string, response: ServerResponse): boolean {
  const path = resolveStaticPath(rootDir, urlPath)
  if (!path) return false
  let size: number
  try {
    const stats = statSync(path)
    if (!stats.isFile()) return false
    size = stats.size
  } catch {
    return false
  }
  const headers = {
    'Content-Type': CONTENT_TYPES[extname(path)] ?? 'application/octet-stream',
    'Content-Length': size,
    'Cache-Control': path.endsWith('index.html') ? 'no-cache' : 'public, max-age=31536000, immutable',
  }
  if (size > READ_AT_ONCE_BYTES) {
    response.writeHead(200, headers)
    createReadStream(path).pipe(response)
    return true
  }
  let body: Buffer
  try {
    body = readFileSync(path)
  } catch {
    return false
  }
  // Its length as read (a rebuild may have replaced the file since the stat).
  response.writeHead(200, { ...headers, 'Content-Length': body.length }).end(body)
  return true
}
