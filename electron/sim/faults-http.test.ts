import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { parseFaultSpec } from './faults'
import { isLoopback } from './http-util'
import { startSimulator, type RunningSimulator } from './simulator'
import { simClient, type SimClient } from './test-support/sim-http-client'
import type { IncomingMessage } from 'node:http'

let sim: RunningSimulator
let api: SimClient
let taskId: number

beforeAll(async () => {
  sim = await startSimulator({ generate: { tasks: 2, calls: 60, seed: 2 } })
  api = simClient(sim)
  taskId = sim.store.allTasks()[0]?.task.callJobId as number
})
afterAll(() => sim.close())
beforeEach(() => {
  sim.setFaults('')
})

const tasks = () => api.get('/task/getTasks', { companyId: 1001 })
const unsignedTasks = (signal: AbortSignal) => fetch(`${sim.baseUrl}/task/getTasks?companyId=1001`, { signal })

/** Polls the admin state (each poll a real request) until the predicate holds. */
async function untilState(predicate: (state: { hungRequests: number }) => boolean): Promise<void> {
  for (let i = 0; i < 500; i++) if (predicate((await api.admin('state')).json())) return
  throw new Error('admin state never matched')
}

describe('injected faults', () => {
  it('500: an envelope with code 500 and a Java stack trace', async () => {
    sim.setFaults('500=1')
    const reply = await tasks()
    expect(reply.status).toBe(200)
    expect(reply.json()).toMatchObject({ code: 500, data: null, errorStackTrace: expect.stringContaining('java.lang') })
  })

  it('502: an HTML page as a proxy sends it', async () => {
    sim.setFaults('502=1')
    const reply = await tasks()
    expect(reply.status).toBe(502)
    expect(reply.headers.get('content-type')).toContain('text/html')
    expect(reply.text).toContain('502 Bad Gateway')
    expect(() => reply.json()).toThrow()
  })

  it('429: rate limited with Retry-After', async () => {
    sim.setFaults('429=1,retryAfter=7')
    const reply = await tasks()
    expect(reply.status).toBe(429)
    expect(reply.headers.get('retry-after')).toBe('7')
    expect(reply.json().code).toBe(429)
  })

  it('malformed: HTTP 200 with a JSON body cut short', async () => {
    sim.setFaults('malformed=1')
    const reply = await tasks()
    expect(reply.status).toBe(200)
    expect(reply.headers.get('content-type')).toContain('application/json')
    expect(reply.text.startsWith('{"code":200')).toBe(true)
    expect(() => reply.json()).toThrow(SyntaxError)
  })

  it('hang: the request is never answered, until the client gives up', async () => {
    sim.setFaults('hang=1')
    const controller = new AbortController()
    const pending = unsignedTasks(controller.signal)
    await untilState((s) => s.hungRequests === 1)
    controller.abort()
    await expect(pending).rejects.toThrow()
    await untilState((s) => s.hungRequests === 0)
  })

  it('latency: every API answer waits at least the configured time', async () => {
    sim.setFaults('latency=120')
    const started = performance.now()
    expect((await tasks()).json().code).toBe(200)
    // A lower bound only: timers never fire early by more than a millisecond.
    expect(performance.now() - started).toBeGreaterThanOrEqual(118)
  })

  it('churn: calls finishing between pages shift offset paging', async () => {
    sim.setFaults('churn=2')
    const page = async (pageNum: number) =>
      (await api.post('/task/queryDoneTaskPhones', { callJobId: taskId, pageNum, pageSize: 10 })).json().data
    const first = await page(1)
    const second = await page(2)
    expect(second.total).toBe(first.total + 2)
    const ids = (data: { list: { callInstanceId: number }[] }) => data.list.map((c) => c.callInstanceId)
    // The last two rows of page 1 are pushed onto page 2.
    expect(ids(second).slice(0, 2)).toEqual(ids(first).slice(8, 10))
  })

  it('draws the same faults again when the same spec is set again', async () => {
    const codes = async () => {
      const seen: number[] = []
      for (let i = 0; i < 16; i++) seen.push((await tasks()).status === 429 ? 429 : 200)
      return seen
    }
    sim.setFaults('429=0.5,seed=3')
    const first = await codes()
    sim.setFaults('429=0.5,seed=3')
    expect(await codes()).toEqual(first)
    expect(new Set(first).size).toBe(2)
  })

  it('leaves recordings and admin endpoints alone', async () => {
    sim.setFaults('502=1')
    const call = sim.store.allTasks()[0]?.calls.find((c) => c.finishStatus === 0)
    expect((await fetch(`${sim.origin}/recordings/${call?.callInstanceId}.wav`)).status).toBe(200)
    expect((await api.admin('state')).status).toBe(200)
  })
})

describe('admin endpoints', () => {
  it('set faults by spec or by field and report them in the state', async () => {
    const set = await api.admin('faults', { spec: '500=0.2,latency=5' })
    expect(parseFaultSpec(set.json().spec)).toEqual(parseFaultSpec('latency=5,500=0.2'))
    await api.admin('faults', { hang: 0.1 })
    const state = (await api.admin('state')).json()
    expect(state.faults).toMatchObject({ latency: 5, error500: 0.2, hang: 0.1 })
    expect(state.tasks[0]).toMatchObject({ callJobId: taskId, doneCalls: expect.any(Number) })
    expect((await api.admin('faults', { spec: 'teapot=1' })).status).toBe(400)
    expect((await api.admin('faults', { teapot: 1 })).status).toBe(400)
  })

  it('finish calls now, at the head of the done-calls list', async () => {
    const before = (await api.post('/task/queryDoneTaskPhones', { callJobId: taskId })).json().data
    const finished = (await api.admin('finish-calls', { taskId, count: 3 })).json().finished as number[]
    expect(finished).toHaveLength(3)
    const after = (await api.post('/task/queryDoneTaskPhones', { callJobId: taskId })).json().data
    expect(after.total).toBe(before.total + 3)
    expect(
      after.list
        .slice(0, 3)
        .map((c: { callInstanceId: number }) => c.callInstanceId)
        .sort(),
    ).toEqual([...finished].sort())
    expect((await api.admin('finish-calls', { taskId: 1, count: 1 })).status).toBe(404)
    expect((await api.admin('finish-calls', { taskId, count: -1 })).status).toBe(400)
  })

  it('answer loopback clients only', () => {
    const from = (remoteAddress: string) => ({ socket: { remoteAddress } }) as unknown as IncomingMessage
    expect(isLoopback(from('127.0.0.1'))).toBe(true)
    expect(isLoopback(from('::ffff:127.0.0.1'))).toBe(true)
    expect(isLoopback(from('192.168.1.20'))).toBe(false)
  })

  it('closes promptly even with a request hanging', async () => {
    const other = await startSimulator({ generate: { tasks: 1, calls: 5 }, faults: 'hang=1' })
    const pending = fetch(`${other.baseUrl}/task/getTasks?companyId=1001`).catch((error: unknown) => error)
    const client = simClient(other)
    for (let i = 0; i < 500 && other.hungRequests() === 0; i++) await client.admin('state')
    expect(other.hungRequests()).toBe(1)
    await other.close()
    expect(await pending).toBeInstanceOf(Error)
  })
})
