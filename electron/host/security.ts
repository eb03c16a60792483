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

/** The cookie that lets `<audio src>` (which cannot send headers) fetch recordings. */
export const MEDIA_COOKIE = 'calllens_media'

export function mediaCookie(token: string): string {
  return `${MEDIA_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/media`
}

/** The same for export downloads: the browser's download of a link sends no header either. */
export const EXPORT_COOKIE = 'calllens_export'

export function exportCookie(token: string): string {
  return `${EXPORT_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/export`
}

function sameToken(given: string, token: string): boolean {
  const a = Buffer.from(given)
  const b = Buffer.from(token)
  return a.length === b.length && timingSafeEqual(a, b)
}

export function hasValidToken(request: IncomingMessage, token: string): boolean {
  const header = request.headers.authorization
  if (typeof header !== 'string' || !header.startsWith('Bearer ')) return false
  return sameToken(header.slice('Bearer '.length), token)
}

function hasValidCookie(request: IncomingMessage, token: string, cookie: string): boolean {
  if (hasValidToken(request, token)) return true
  const cookies = request.headers.cookie ?? ''
  const match = new RegExp(`(?:^|;\\s*)${cookie}=([A-Za-z0-9_-]+)`).exec(cookies)
  return match?.[1] !== undefined && sameToken(match[1], token)
}

/** Media requests: the bearer header, or the HttpOnly cookie set on authorised API calls. */
export function hasValidMediaToken(request: IncomingMessage, token: string): boolean {
  return hasValidCookie(request, token, MEDIA_COOKIE)
}

/** Export downloads: the bearer header, or their HttpOnly cookie set on authorised API calls. */
export function hasValidExportToken(request: IncomingMessage, token: string): boolean {
  return hasValidCookie(request, token, EXPORT_COOKIE)
}
