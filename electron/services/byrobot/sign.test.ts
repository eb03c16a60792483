import { describe, expect, it } from 'vitest'
import { computeSign, signedHeaders } from './sign'

// Expected values computed once with openssl, independently of this code:
//   printf 'key\nTue, 24 Nov 2026 13:40:00 GMT' | openssl dgst -sha1 -hmac secret -binary | base64
describe('signing', () => {
  it('matches an HMAC-SHA1 vector computed with openssl', () => {
    expect(computeSign('key', 'secret', 'Tue, 24 Nov 2026 13:40:00 GMT')).toBe('+JzfxDvc0LX2TAXunnh6sH8PJO0=')
  })

  it('signs non-ASCII secrets as UTF-8 (a second openssl vector)', () => {
    expect(computeSign('demo-app-key', 'S3cr3t-测试', 'Thu, 01 Jan 2026 00:00:00 GMT')).toBe(
      't1024O5iwhoiQpFjiFAeUQMQRyI=',
    )
  })

  it('sends appkey, an RFC 1123 GMT datetime and the sign; JSON content type only for POST', () => {
    const now = new Date(Date.UTC(2026, 10, 24, 13, 40, 0))
    const get = signedHeaders({ appKey: 'key', appSecret: 'secret' }, now, { json: false })
    expect(get).toMatchObject({
      appkey: 'key',
      datetime: 'Tue, 24 Nov 2026 13:40:00 GMT',
      sign: '+JzfxDvc0LX2TAXunnh6sH8PJO0=',
    })
    expect(get['content-type']).toBeUndefined()
    const post = signedHeaders({ appKey: 'key', appSecret: 'secret' }, now, { json: true })
    expect(post['content-type']).toBe('application/json')
  })

  it('never puts the secret itself in a header', () => {
    const headers = signedHeaders({ appKey: 'key', appSecret: 'TOP-SECRET-42' }, new Date(), { json: true })
    expect(JSON.stringify(headers)).not.toContain('TOP-SECRET-42')
  })
})
