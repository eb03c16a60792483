import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseFaultSpec } from './faults'
import { RateLimiter } from './rate-limit'
import { startSimulator, type RunningSimulator } from './simulator'
import { simClient } from './test-support/sim-http-client'

describe('the rate limiter', () => {
  it('lets a second’s worth through at once, then R a second, and says when to come back', () => {
    const limiter = new RateLimiter()
    limiter.set(4, 0)
    const burst = Array.from({ length: 6 }, () => limiter.take(0))
    expect(burst).toEqual([null, null, null, null, 1, 1])
    expect(limiter.take(100)).toBe(1) // 0.4 of a token back: not yet
    expect(limiter.take(250)).toBeNull() // one token back after 1/R s
    expect(limiter.take(250)).toBe(1)
    // Idle for long, the bucket holds one second's worth, no more.
    expect(Array.from({ length: 6 }, () => limiter.take(60_000)).filter((wait) => wait === null)).toHaveLength(4)
    expect({ accepted: limiter.accepted, rejected: limiter.rejected }).toEqual({ accepted: 9, rejected: 6 })
  })

  it('gives whole seconds in Retry-After for slow rates, and lets everything through at rate 0', () => {
    const slow = new RateLimiter()
    slow.set(0.25, 0) // one request every 4 s; the bucket holds a quarter token: 3 s to the next
    expect(slow.take(0)).toBe(3)
    expect(slow.take(3000)).toBeNull()
    const open = new RateLimiter()
    open.set(0, 0)
    expect(Array.from({ length: 100 }, () => open.take(0)).every((wait) => wait === null)).toBe(true)
  })

  it('is set by rate=R in the faults SPEC and refuses a negative rate', () => {
    expect(parseFaultSpec('rate=40,latency=30').rate).toBe(40)
    expect(() => parseFaultSpec('rate=-1')).toThrow(/rate must be a non-negative number/)
  })
})

describe('a simulator with rate=R', () => {
  let sim: RunningSimulator
  let clock = 1_000_000
  beforeAll(async () => {
    // The server's clock is the test's: the bucket refills only when the test moves it.
    sim = await startSimulator({ generate: { tasks: 1, calls: 20, seed: 3 }, now: () => clock })
  })
  afterAll(() => sim.close())

  it('answers 429 with Retry-After beyond R requests, API and recordings counted together', async () => {
    sim.setFaults('rate=5')
    const api = simClient(sim)
    const call = sim.store.allTasks()[0]!.calls.find((c) => c.finishStatus === 0)!
    const recording = () => fetch(`${sim.origin}/recordings/${call.callInstanceId}.wav`)
    const replies = await Promise.all([
      ...Array.from({ length: 4 }, () => api.get('/task/getTasks', { companyId: 1001 })),
      ...Array.from({ length: 3 }, async () => {
        const res = await recording()
        await res.arrayBuffer()
        return { status: res.status, headers: res.headers }
      }),
    ])
    const limited = replies.filter((r) => r.status === 429)
    expect(replies.filter((r) => r.status === 200)).toHaveLength(5)
    expect(limited).toHaveLength(2)
    for (const reply of limited) expect(reply.headers.get('retry-after')).toBe('1')
    expect((await api.admin('state')).json().rateLimited).toEqual({ accepted: 5, rejected: 2 })

    clock += 400 // two tokens back
    const next = await Promise.all(Array.from({ length: 3 }, () => api.get('/task/getTasks', { companyId: 1001 })))
    expect(next.map((r) => r.status).sort()).toEqual([200, 200, 429])
    const body = next.find((r) => r.status === 429)!.json()
    expect(body.code).toBe(429)
  })
})
