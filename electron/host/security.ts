// The browser-mode host's gatekeeping: a per-launch token and DNS-rebinding protection.
import { randomBytes, timingSafeEqual } from 'node:crypto'
import type { IncomingMessage } from 'node:http'

export function createToken(): string {
  return randomBytes(32).toString('base64url')
}

/** Only `127.0.0.1:PORT` is ours; any other Host header is a rebinding attempt or a stray client. */
export function isAllowedHost(hostHeader: string | undefined, port: number): boolean {
  return hostHeader === `127.0.0.1:${port}`
}

/** A browser's Origin, when it sends one, must be our own page. */
export function isAllowedOrigin(originHeader: string | undefined, port: number): boolean {
  return originHeader === undefined || originHeader === `http://127.0.0.1:${port}`
}

export function hasValidToken(request: IncomingMessage, token: string): boolean {
  const header = request.headers.authorization
  if (typeof header !== 'string' || !header.startsWith('Bearer ')) return false
  const given = Buffer.from(header.slice('Bearer '.length))
  const expected = Buffer.from(token)
  return given.length === expected.length && timingSafeEqual(given, expected)
}
