import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { GENERATED_CREDENTIALS } from '../dataset/generate'
import { startSimulator, type RunningSimulator } from '../simulator'
import { simClient, type Json, type SimClient } from '../test-support/sim-http-client'

let sim: RunningSimulator
let api: SimClient
let onlyB: SimClient
let taskId: number
let calls: Record<string, Json>[]

const query = (body: Record<string, unknown>) => api.post('/task/queryDoneTaskPhones', { callJobId: taskId, ...body })

beforeAll(async () => {
  sim = await startSimulator({ generate: { tasks: 4, calls: 300, seed: 5 } })
  api = simClient(sim)
  onlyB = simClient(sim, GENERATED_CREDENTIALS[1])
  taskId = sim.store.allTasks().find((s) => s.task.companyId === 1001)?.task.callJobId as number
  calls = []
  for (let pageNum = 1; pageNum <= 6; pageNum++)
    calls.push(...(await query({ pageNum, pageSize: 50 })).json().data.list)
})
afterAll(() => sim.close())

describe('queryDoneTaskPhones', () => {
  it('lists done calls newest first in the documented row shape', async () => {
    expect(calls).toHaveLength(300)
    const ends = calls.map((c) => c.endTime as string)
    expect([...ends].sort().reverse()).toEqual(ends)
    const row = calls[0] as Record<string, Json>
    expect(row).toMatchObject({
      callJobId: taskId,
      duration: expect.stringMatching(/^\d+秒$/),
      startTime: expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/),
      secondaryCallTime: expect.any(String),
      jobName: expect.any(String),
      resultList: expect.any(Array),
    })
    const answered = calls.find((c) => c.finishStatus === 0) as Record<string, Json>
    expect(answered.luyinOssUrl).toBe(`${sim.origin}/recordings/${answered.callInstanceId}.wav`)
    expect(answered.resultList[0]).toEqual({ name: '客户意向等级', value: expect.stringMatching(/^[A-F]级/) })
    const unanswered = calls.find((c) => c.finishStatus !== 0) as Record<string, Json>
    expect(unanswered).toMatchObject({ duration: '0秒', chatRound: 0, luyinOssUrl: null, resultList: [] })
    expect(calls.some((c) => c.secondaryCallTime.startsWith('1970-01-01 '))).toBe(true)
  })

  it('defaults to page 1 of 10 and keeps page arithmetic', async () => {
    const data = (await query({})).json().data
    expect(data).toMatchObject({ pageNum: 1, pageSize: 10, size: 10, total: 300, pages: 30 })
    const last = (await query({ pageNum: 7, pageSize: 50 })).json().data
    expect(last).toMatchObject({ size: 0, total: 300, pages: 6 })
    // 300 rows by 7: 42 full pages and a last page of 6.
    const lastPartial = (await query({ pageNum: 43, pageSize: 7 })).json().data
    expect(lastPartial).toMatchObject({ pageNum: 43, size: 6, total: 300, pages: 43 })
    expect(lastPartial.list.map((c: Json) => c.callInstanceId)).toEqual(calls.slice(294).map((c) => c.callInstanceId))
  })

  it('filters duration and chat rounds with inclusive bounds', async () => {
    const answered = calls.filter((c) => c.finishStatus === 0)
    const d = parseInt(answered[3]?.duration, 10)
    const byDuration = (await query({ durationLeft: d, durationRight: d, pageSize: 50 })).json().data
    expect(byDuration.total).toBe(calls.filter((c) => parseInt(c.duration, 10) === d).length)
    expect(byDuration.list.map((c: Json) => c.callInstanceId)).toContain(answered[3]?.callInstanceId)
    const long = (await query({ durationLeft: 60, pageSize: 50 })).json().data
    expect(long.total).toBe(calls.filter((c) => parseInt(c.duration, 10) >= 60).length)
    const rounds = (await query({ chatRoundLeft: 3, chatRoundRight: 4, pageSize: 50 })).json().data
    expect(rounds.total).toBe(calls.filter((c) => c.chatRound >= 3 && c.chatRound <= 4).length)
    expect(rounds.total).toBeGreaterThan(0)
  })

  it('filters by finish status and by every listed result pair', async () => {
    const rejected = (await query({ finishStatus: 1, pageSize: 50 })).json().data
    expect(rejected.total).toBe(calls.filter((c) => c.finishStatus === 1).length)
    for (const c of rejected.list) expect(c.finishStatus).toBe(1)
    const withBoth = calls.find((c) => c.resultList.length >= 2) as Record<string, Json>
    const pairs = withBoth.resultList.slice(0, 2)
    const matched = (await query({ resultQueryList: pairs, pageSize: 50 })).json().data
    const expected = calls.filter((c) =>
      pairs.every((p: Json) => c.resultList.some((r: Json) => r.name === p.name && r.value === p.value)),
    )
    expect(matched.total).toBe(expected.length)
    expect(matched.list.map((c: Json) => c.callInstanceId)).toContain(withBoth.callInstanceId)
    const none = (await query({ resultQueryList: [{ name: '客户意向等级', value: 'Z级' }] })).json().data
    expect(none).toMatchObject({ total: 0, pages: 0, size: 0, list: [] })
  })

  it('answers 412 for bad parameters and 404 for tasks it cannot see', async () => {
    const code = async (body: unknown) => (await api.post('/task/queryDoneTaskPhones', body)).json().code
    expect(await code({ pageSize: 10 })).toBe(412)
    expect(await code({ callJobId: taskId, pageSize: 51 })).toBe(412)
    expect(await code({ callJobId: taskId, pageSize: 0 })).toBe(412)
    expect(await code({ callJobId: taskId, durationLeft: 'ten' })).toBe(412)
    expect(await code({ callJobId: taskId, resultQueryList: [{ name: '客户意向等级' }] })).toBe(412)
    expect(await code('{"callJobId": 1,')).toBe(412)
    expect(await code([taskId])).toBe(412)
    expect(await code({ callJobId: String(taskId) })).toBe(200)
    expect(await code({ callJobId: 999_999 })).toBe(404)
    expect((await onlyB.post('/task/queryDoneTaskPhones', { callJobId: taskId })).json().code).toBe(404)
  })
})

describe('notDialedCustomerList', () => {
  it('pages the customers not yet called, at most 50 a page', async () => {
    const running = sim.store.allTasks().find((s) => s.notDialed.length > 0 && s.task.companyId === 1001)
    if (!running) throw new Error('no task with customers to dial')
    const count = running.notDialed.length
    const data = (await api.post('/task/notDialedCustomerList', { taskId: running.task.callJobId, pageSize: 7 })).json()
      .data
    expect(data).toMatchObject({ pageNum: 1, pageSize: 7, size: 7, total: count, pages: Math.ceil(count / 7) })
    expect(data.list[0]).toEqual({
      callInstanceId: expect.any(Number),
      customerName: expect.any(String),
      customerTelephone: expect.stringMatching(/^1\d{10}$/),
      status: expect.any(Number),
      startTime: expect.any(String),
      callerPhone: expect.any(String),
      corpName: '杭州星河数字营销有限公司',
      calledTimes: expect.any(Number),
    })
    const done = (await api.post('/task/notDialedCustomerList', { taskId })).json().data
    expect(done).toMatchObject({ total: 0, list: [] })
    const code = async (body: unknown) => (await api.post('/task/notDialedCustomerList', body)).json().code
    expect(await code({ taskId, pageSize: 51 })).toBe(412)
    expect(await code({ pageSize: 5 })).toBe(412)
    expect(await code({ taskId: 999_999 })).toBe(404)
  })
})

describe('phoneLogInfo', () => {
  it("gives an answered call's transcript, sceneInstance and results, consistent with the list", async () => {
    const row = calls.find((c) => c.finishStatus === 0 && c.chatRound >= 3) as Record<string, Json>
    const data = (await api.get('/task/phoneLogInfo', { callInstanceId: row.callInstanceId })).json().data
    const lines = data.phoneLog.phoneLogs as Json[]
    expect(lines.filter((l) => l.speaker === 'AI')).toHaveLength(row.chatRound)
    expect(lines.some((l) => l.speaker === 'ME')).toBe(true)
    const durationMs = parseInt(row.duration, 10) * 1000
    for (const l of lines) {
      expect(l.sceneInstanceId).toBe(row.callInstanceId)
      expect(l.endTime).toBeGreaterThanOrEqual(l.startTime)
      expect(l.endTime).toBeLessThanOrEqual(durationMs)
    }
    expect(data.sceneInstance).toMatchObject({
      callInstanceId: row.callInstanceId,
      companyId: 1001,
      duration: parseInt(row.duration, 10),
      customerName: row.customerName,
      luyinOssUrl: row.luyinOssUrl,
      userLuyinOssUrl: `${sim.origin}/recordings/${row.callInstanceId}_user.wav`,
      secondaryCallTime: row.secondaryCallTime,
    })
    expect(typeof JSON.parse(data.sceneInstance.properties)).toBe('object')
    expect(data.taskResult.map((r: Json) => ({ name: r.resultName, value: r.resultValue }))).toEqual(row.resultList)
    expect(data.taskResult[0]).toMatchObject({ sceneInstanceId: row.callInstanceId, companyId: 1001 })
  })

  it('reports AI lines as 0/0 on a share of calls, customer lines always timed', async () => {
    const answered = calls.filter((c) => c.finishStatus === 0).slice(0, 60)
    let untimed = 0
    for (const row of answered) {
      const lines = (await api.get('/task/phoneLogInfo', { callInstanceId: row.callInstanceId })).json().data.phoneLog
        .phoneLogs as Json[]
      const ai = lines.filter((l) => l.speaker === 'AI')
      if (ai.every((l) => l.startTime === 0 && l.endTime === 0)) untimed++
      for (const l of lines.filter((x) => x.speaker === 'ME')) expect(l.endTime).toBeGreaterThan(l.startTime)
    }
    expect(untimed).toBeGreaterThan(5)
    expect(untimed).toBeLessThan(40)
  })

  it('gives an unanswered call no transcript and no recording', async () => {
    const row = calls.find((c) => c.finishStatus === 8) as Record<string, Json>
    const data = (await api.get('/task/phoneLogInfo', { callInstanceId: row.callInstanceId })).json().data
    expect(data.phoneLog).toEqual({ phoneLogs: [], luyinOssUrl: null })
    expect(data.sceneInstance).toMatchObject({ duration: 0, chatRound: 0, userLuyinOssUrl: null, hangUp: null })
    expect(data.taskResult).toEqual([])
  })

  it('answers 404 for unknown calls and calls of another company, 412 without an id', async () => {
    const id = calls[0]?.callInstanceId as number
    expect((await api.get('/task/phoneLogInfo', { callInstanceId: 1 })).json().code).toBe(404)
    expect((await onlyB.get('/task/phoneLogInfo', { callInstanceId: id })).json().code).toBe(404)
    expect((await api.get('/task/phoneLogInfo', {})).json().code).toBe(412)
    expect((await api.get('/task/phoneLogInfo', { callInstanceId: 'x1' })).json().code).toBe(412)
  })
})
