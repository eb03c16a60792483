import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { computeSign, signRequest } from '../auth'
import { startSimulator, type RunningSimulator } from '../simulator'
import { simClient, type SimClient } from '../test-support/sim-http-client'

/** The server's clock is fixed, so "stale" is exact rather than a race with the wall clock. */
const SERVER_NOW = Date.UTC(2026, 10, 24, 13, 40, 0)
let sim: RunningSimulator
let api: SimClient
const path = '/task/getTasks?companyId=1001'

beforeAll(async () => {
  sim = await startSimulator({ generate: { tasks: 2, calls: 10, seed: 3 }, now: () => SERVER_NOW })
  api = simClient(sim)
})
afterAll(() => sim.close())

const signedAt = (ms: number, key = sim.credentials) => ({ ...signRequest(key.appKey, key.appSecret, new Date(ms)) })

describe('authentication over HTTP', () => {
  it('accepts a correct signature made within the window', async () => {
    const reply = await api.raw(path, signedAt(SERVER_NOW - 60_000))
    expect(reply.json().code).toBe(200)
  })

  it('answers code 401 in an HTTP 200 envelope when headers are missing or the signature is wrong', async () => {
    const good = signedAt(SERVER_NOW)
    const cases: Record<string, string>[] = [
      {},
      { appkey: good.appkey, datetime: good.datetime },
      { ...good, sign: computeSign(good.appkey, 'wrong-secret', good.datetime) },
      { ...good, appkey: 'no-such-key' },
      // Signed for another moment than the datetime sent.
      { ...good, datetime: new Date(SERVER_NOW + 1000).toUTCString() },
    ]
    for (const headers of cases) {
      const reply = await api.raw(path, headers)
      expect(reply.status).toBe(200)
      expect(reply.json()).toMatchObject({ code: 401, data: null, resultMsg: expect.any(String) })
    }
    expect((await api.raw(path, cases[2] as Record<string, string>)).json().resultMsg).toBe('签名校验失败')
  })

  it('refuses a datetime more than 15 minutes away from the server clock', async () => {
    for (const offset of [-16 * 60_000, 16 * 60_000]) {
      const reply = (await api.raw(path, signedAt(SERVER_NOW + offset))).json()
      expect(reply).toMatchObject({ code: 401, resultMsg: expect.stringContaining('15') })
    }
    expect((await api.raw(path, signedAt(SERVER_NOW + 14 * 60_000))).json().code).toBe(200)
  })

  it('answers unknown paths with 404 and wrong methods with 405', async () => {
    const unknown = await api.get('/task/nothing')
    expect(unknown.status).toBe(404)
    expect(unknown.json().code).toBe(404)
    const wrongMethod = await api.post('/task/getTasks', { companyId: 1001 })
    expect(wrongMethod.status).toBe(405)
    expect(wrongMethod.json().code).toBe(405)
  })
})
