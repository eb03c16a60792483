import { createHmac } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { CLOCK_SKEW_MS, computeSign, signRequest, verifyRequest } from './auth'

const credential = { appKey: 'demo-key', appSecret: 'demo-secret', companyIds: [1] }
const find = (key: string) => (key === credential.appKey ? credential : undefined)

describe('request signing', () => {
  it('signs appKey + newline + datetime with HMAC-SHA1 keyed by the secret, in Base64', () => {
    const datetime = 'Tue, 24 Nov 2026 13:40:00 GMT'
    const expected = createHmac('sha1', 'demo-secret')
      .update('demo-key\nTue, 24 Nov 2026 13:40:00 GMT')
      .digest('base64')
    expect(computeSign('demo-key', 'demo-secret', datetime)).toBe(expected)
    expect(signRequest('demo-key', 'demo-secret', new Date(Date.UTC(2026, 10, 24, 13, 40)))).toEqual({
      appkey: 'demo-key',
      datetime,
      sign: expected,
    })
  })

  it('matches a vector computed outside Node (openssl dgst -sha1 -hmac demo-secret | base64)', () => {
    expect(computeSign('demo-key', 'demo-secret', 'Tue, 24 Nov 2026 13:40:00 GMT')).toBe('YjWKZJwi2L1v5sn/XKO5OGBXJ0A=')
  })

  it('formats datetime as RFC 1123 GMT', () => {
    expect(signRequest('a', 'b', new Date(0)).datetime).toBe('Thu, 01 Jan 1970 00:00:00 GMT')
  })
})

describe('request verification', () => {
  const now = Date.UTC(2026, 10, 24, 13, 40)
  const signedAt = (ms: number) => signRequest('demo-key', 'demo-secret', new Date(ms))

  it('accepts a fresh, correct signature and names the app key', () => {
    const outcome = verifyRequest({ ...signedAt(now) }, find, now)
    expect(outcome).toEqual({ ok: true, credential })
  })

  it('refuses missing headers, unknown keys and wrong signatures', () => {
    const good = signedAt(now)
    expect(verifyRequest({ appkey: good.appkey, datetime: good.datetime }, find, now).ok).toBe(false)
    expect(verifyRequest({ ...good, appkey: 'other' }, find, now)).toMatchObject({ ok: false })
    const wrong = verifyRequest({ ...good, sign: computeSign('demo-key', 'not-the-secret', good.datetime) }, find, now)
    expect(wrong).toEqual({ ok: false, message: '签名校验失败' })
  })

  it('refuses a datetime more than 15 minutes from the server clock, either way', () => {
    expect(verifyRequest({ ...signedAt(now - CLOCK_SKEW_MS + 1000) }, find, now).ok).toBe(true)
    expect(verifyRequest({ ...signedAt(now - CLOCK_SKEW_MS - 1000) }, find, now).ok).toBe(false)
    expect(verifyRequest({ ...signedAt(now + CLOCK_SKEW_MS + 1000) }, find, now).ok).toBe(false)
  })
})
