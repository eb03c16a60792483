// Request signing as BYRobot's open API does it (NOTES.md): appkey, datetime and
// sign = Base64(HMAC-SHA1(appSecret, appKey + "\n" + datetime)), checked within a time window.
import { createHmac, timingSafeEqual } from 'node:crypto'
import type { SimCredential } from './store/types'

/** How far the client's datetime may be from the server clock (the real limit is not published). */
export const CLOCK_SKEW_MS = 15 * 60 * 1000

export interface SignedHeaders {
  appkey: string
  datetime: string
  sign: string
}

export function computeSign(appKey: string, appSecret: string, datetime: string): string {
  return createHmac('sha1', appSecret).update(`${appKey}\n${datetime}`, 'utf8').digest('base64')
}

/** The three auth headers for a request made at `date` (the simulator's own, for tests and tools). */
export function signRequest(appKey: string, appSecret: string, date: Date = new Date()): SignedHeaders {
  const datetime = date.toUTCString()
  return { appkey: appKey, datetime, sign: computeSign(appKey, appSecret, datetime) }
}

export type AuthOutcome = { ok: true; credential: SimCredential } | { ok: false; message: string }

type HeaderValue = string | string[] | undefined

function single(value: HeaderValue): string | undefined {
  return Array.isArray(value) ? value[0] : value
}

export function verifyRequest(
  headers: Record<string, HeaderValue>,
  findCredential: (appKey: string) => SimCredential | undefined,
  now: number,
): AuthOutcome {
  const appKey = single(headers['appkey'])
  const datetime = single(headers['datetime'])
  const sign = single(headers['sign'])
  if (!appKey || !datetime || !sign) return { ok: false, message: '缺少鉴权参数：appkey、datetime、sign 均为必填' }
  const credential = findCredential(appKey)
  if (!credential) return { ok: false, message: `appkey 不存在：${appKey}` }
  const expected = Buffer.from(computeSign(appKey, credential.appSecret, datetime))
  const given = Buffer.from(sign)
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
    return { ok: false, message: '签名校验失败' }
  }
  const sent = Date.parse(datetime)
  if (Number.isNaN(sent)) return { ok: false, message: `datetime 格式错误：${datetime}` }
  if (Math.abs(now - sent) > CLOCK_SKEW_MS) return { ok: false, message: '请求时间与服务器时间相差超过15分钟' }
  return { ok: true, credential }
}
