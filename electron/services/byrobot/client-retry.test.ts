import { afterEach, describe, expect, it } from 'vitest'
import { ByrobotClient, type ByrobotClientOptions } from './client'
import { computeSign } from './sign'
import { envelope, startTestServer, type Handler, type TestServer } from '../../test-support/byrobot-test-server'

let server: TestServer | undefined
afterEach(async () => {
  await server?.close()
  server = undefined
})

const PAGE = envelope({ pageNum: 1, pageSize: 10, size: 0, total: 0, pages: 0, list: [] })

async function clientFor(handler: Handler, extra: Partial<ByrobotClientOptions> = {}) {
  server = await startTestServer(handler)
  const client = new ByrobotClient({
    baseUrl: server.baseUrl,
    appKey: 'demo-key',
    appSecret: 'demo-secret',
    companyId: 7,
    retry: { minTimeoutMs: 1, maxTimeoutMs: 5 },
    ...extra,
  })
  return { client, server }
}

const listTasks = (client: ByrobotClient, signal?: AbortSignal) =>
  client.listTasks({ pageNum: 1, pageSize: 10 }, signal ? { signal } : {})

/** Fails the first `failures` requests with `reply`, then answers normally. */
function failingFirst(failures: number, reply: ReturnType<Handler>): Handler {
  return (_request, index) => (index < failures ? reply : { body: PAGE })
}

describe('ByrobotClient retries', () => {
  it.each([
    ['HTTP 503', { status: 503, body: 'busy' }],
    ['envelope 500', { body: envelope(null, 500) }],
    ['HTTP 429', { status: 429, body: '' }],
    ['a dropped connection', { destroy: true }],
    ['a garbled body', { body: '{"code":2' }],
  ])('recovers from %s by retrying', async (_name, reply) => {
    const { client, server } = await clientFor(failingFirst(2, reply))
    await expect(listTasks(client)).resolves.toMatchObject({ total: 0 })
    expect(server.requests).toHaveLength(3)
  })

  it('recovers from a timeout by retrying', async () => {
    const { client, server } = await clientFor(failingFirst(1, { hang: true }), { timeoutMs: 100 })
    await expect(listTasks(client)).resolves.toMatchObject({ total: 0 })
    expect(server.requests).toHaveLength(2)
  })

  it.each([401, 403, 404, 412])('never retries envelope code %d', async (code) => {
    const { client, server } = await clientFor(() => ({ body: envelope(null, code) }))
    await expect(listTasks(client)).rejects.toMatchObject({ code: expect.stringMatching(/^api_/) })
    expect(server.requests).toHaveLength(1)
  })

  it.each([400, 401, 403, 404])('never retries HTTP %d', async (status) => {
    const { client, server } = await clientFor(() => ({ status, body: 'no' }))
    await expect(listTasks(client)).rejects.toMatchObject({ code: expect.stringMatching(/^api_/) })
    expect(server.requests).toHaveLength(1)
  })

  it('gives up after `retries` retries', async () => {
    const { client, server } = await clientFor(() => ({ status: 500, body: '' }), { retries: 3 })
    await expect(listTasks(client)).rejects.toMatchObject({ code: 'api_server_error' })
    expect(server.requests).toHaveLength(4)
  })

  it('waits at least Retry-After before the next attempt', async () => {
    const { client, server } = await clientFor(
      failingFirst(1, { status: 429, body: '', headers: { 'retry-after': '0.3' } }),
    )
    await listTasks(client)
    const [first, second] = server.requests
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(300)
  })

  it('honours Retry-After on an envelope-level 429 too', async () => {
    const reply = { body: envelope(null, 429), headers: { 'retry-after': '0.3' } }
    const { client, server } = await clientFor(failingFirst(1, reply))
    await listTasks(client)
    expect(server.requests[1]!.at - server.requests[0]!.at).toBeGreaterThanOrEqual(300)
  })

  it('waits at least Retry-After after a 503 that gives one', async () => {
    const { client, server } = await clientFor(
      failingFirst(1, { status: 503, body: '', headers: { 'retry-after': '0.3' } }),
    )
    await listTasks(client)
    expect(server.requests[1]!.at - server.requests[0]!.at).toBeGreaterThanOrEqual(300)
  })

  it('hands a Retry-After longer than maxRetryAfterMs to the caller instead of waiting', async () => {
    const { client, server } = await clientFor(() => ({ status: 429, body: '', headers: { 'retry-after': '120' } }))
    await expect(listTasks(client)).rejects.toMatchObject({
      code: 'api_rate_limited',
      details: { retryAfterMs: 120_000 },
    })
    expect(server.requests).toHaveLength(1)
  })

  it('backs off exponentially: minTimeoutMs × factorⁿ, at least half of it with jitter', async () => {
    const { client, server } = await clientFor(failingFirst(2, { status: 503, body: '' }), {
      random: () => 0,
      retry: { minTimeoutMs: 200, factor: 2, maxTimeoutMs: 5_000 },
    })
    await listTasks(client)
    const [a, b, c] = server.requests
    // random() = 0 gives half the base: 100 ms, then 200 ms.
    expect(b!.at - a!.at).toBeGreaterThanOrEqual(100)
    expect(c!.at - b!.at).toBeGreaterThanOrEqual(200)
  })

  it('signs every attempt afresh with the current datetime', async () => {
    let tick = Date.UTC(2026, 10, 24, 13, 40, 0)
    const { client, server } = await clientFor(failingFirst(2, { status: 503, body: '' }), {
      now: () => new Date((tick += 1000)),
    })
    await listTasks(client)
    const datetimes = server.requests.map((r) => String(r.headers.datetime))
    expect(new Set(datetimes).size).toBe(3)
    for (const r of server.requests)
      expect(r.headers.sign).toBe(computeSign('demo-key', 'demo-secret', String(r.headers.datetime)))
  })
})

describe('ByrobotClient concurrency', () => {
  it.each([1, 3])('never has more than %d requests in flight, and uses all of them', async (limit) => {
    const { client, server } = await clientFor(() => ({ body: PAGE, delayMs: 30 }), { concurrency: limit })
    await Promise.all(Array.from({ length: 10 }, () => listTasks(client)))
    expect(server.requests).toHaveLength(10)
    expect(server.maxInFlight).toBe(limit)
  })

  it('shares one limit across all methods, with a default of 6', async () => {
    const { client, server } = await clientFor(() => ({ body: PAGE, delayMs: 30 }))
    await Promise.all(
      Array.from({ length: 8 }, (_, k) =>
        k % 2 ? listTasks(client) : client.listNotDialed({ taskId: 1, pageNum: 1, pageSize: 10 }),
      ),
    )
    expect(server.maxInFlight).toBe(6)
  })
})

describe('ByrobotClient cancellation', () => {
  it('rejects with cancelled when aborted mid-request, and does not retry', async () => {
    const controller = new AbortController()
    const { client, server } = await clientFor(() => {
      controller.abort()
      return { hang: true }
    })
    await expect(listTasks(client, controller.signal)).rejects.toMatchObject({ code: 'cancelled' })
    expect(server.requests).toHaveLength(1)
  })

  it('rejects with cancelled when aborted during a backoff wait', async () => {
    const controller = new AbortController()
    const { client, server } = await clientFor(() => ({ status: 503, body: '' }), {
      // random() is drawn as the one-minute backoff begins: abort shortly into that wait.
      random: () => {
        setTimeout(() => controller.abort(), 10)
        return 1
      },
      retry: { minTimeoutMs: 60_000, maxTimeoutMs: 60_000 },
    })
    await expect(listTasks(client, controller.signal)).rejects.toMatchObject({ code: 'cancelled' })
    expect(server.requests).toHaveLength(1)
  })

  it('sends nothing when the signal is already aborted', async () => {
    const { client, server } = await clientFor(() => ({ body: PAGE }))
    await expect(listTasks(client, AbortSignal.abort())).rejects.toMatchObject({ code: 'cancelled' })
    expect(server.requests).toHaveLength(0)
  })
})
