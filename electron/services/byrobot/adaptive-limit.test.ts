import { describe, expect, it } from 'vitest'
import { AdaptiveLimit, type Permit } from './adaptive-limit'

const cancelled = () => new Error('cancelled')

/** Takes every permit the limit grants now (a turn of the microtask queue each). */
async function grantsNow(limit: AdaptiveLimit, asked: number): Promise<Permit[]> {
  const granted: Permit[] = []
  for (let i = 0; i < asked; i++) void limit.acquire(undefined, cancelled).then((permit) => granted.push(permit))
  await new Promise((resolve) => setImmediate(resolve))
  return granted
}

describe('the adaptive request limit', () => {
  it('starts at the configured concurrency and never lets more through', async () => {
    const limit = new AdaptiveLimit(4)
    expect(await grantsNow(limit, 7)).toHaveLength(4)
    expect(limit.activeCount).toBe(4)
  })

  it('halves on a 429, once per round, and grows back by one a second of OK answers', async () => {
    let clock = 0
    const limit = new AdaptiveLimit(8, () => clock)
    const first = await grantsNow(limit, 8)
    clock = 10
    // Eight answers of one round all say 429: the limit is cut once, not eight times.
    for (const permit of first) permit.release({ rateLimited: true, pauseMs: 0 })
    expect(limit.concurrency).toBe(4)
    clock = 20
    const second = await grantsNow(limit, 4)
    second[0]!.release({ rateLimited: true, pauseMs: 0 }) // sent after the cut: news, cut again
    expect(limit.concurrency).toBe(2)
    for (const permit of second.slice(1)) permit.release()
    // Many OK answers within the same second: no growth yet (a rate limit counts by the second).
    for (let i = 0; i < 50; i++) (await grantsNow(limit, 1))[0]!.release()
    expect(limit.concurrency).toBe(2)
    const grown: number[] = []
    for (let second = 1; second <= 8; second++) {
      clock = 20 + second * 1000
      for (let i = 0; i < 3; i++) (await grantsNow(limit, 1))[0]!.release()
      grown.push(limit.concurrency)
    }
    expect(grown).toEqual([3, 4, 5, 6, 7, 8, 8, 8]) // one a second, capped at the configured concurrency
  })

  it('holds every new request for the Retry-After of a 429', async () => {
    const limit = new AdaptiveLimit(4)
    const [permit] = await grantsNow(limit, 1)
    const pausedAt = performance.now()
    permit!.release({ rateLimited: true, pauseMs: 80 })
    const next = await limit.acquire(undefined, cancelled)
    // A lower bound only: timers never fire early by more than a millisecond.
    expect(performance.now() - pausedAt).toBeGreaterThanOrEqual(78)
    next.release()
  })

  it('rejects a waiting request at once when its signal aborts, and forgets it', async () => {
    const limit = new AdaptiveLimit(1)
    const [held] = await grantsNow(limit, 1)
    const controller = new AbortController()
    const waiting = limit.acquire(controller.signal, cancelled)
    controller.abort()
    await expect(waiting).rejects.toThrow('cancelled')
    held!.release()
    expect(limit.activeCount).toBe(0) // the aborted waiter was never granted
    await expect(limit.acquire(AbortSignal.abort(), cancelled)).rejects.toThrow('cancelled')
  })
})
