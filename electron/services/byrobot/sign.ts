// Request signing for the BYRobot open API: the three auth headers every call carries.
import { createHmac } from 'node:crypto'

export interface Credentials {
  appKey: string
  appSecret: string
}

/** Base64(HMAC-SHA1(key = appSecret, message = appKey + "\n" + datetime)). */
export function computeSign(appKey: string, appSecret: string, datetime: string): string {
  return createHmac('sha1', appSecret).update(`${appKey}\n${datetime}`, 'utf8').digest('base64')
}

/**
 * Headers for one attempt. The server checks `datetime` against its clock, so a
 * retried request must be signed again with a fresh time, never reuse these.
 */
export function signedHeaders(credentials: Credentials, now: Date, options: { json: boolean }): Record<string, string> {
  const datetime = now.toUTCString()
  const headers: Record<string, string> = {
    appkey: credentials.appKey,
    datetime,
    sign: computeSign(credentials.appKey, credentials.appSecret, datetime),
    accept: 'application/json',
  }
  if (options.json) headers['content-type'] = 'application/json'
  return headers
}
