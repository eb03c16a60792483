import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSimulator, type RunningSimulator } from './simulator'
import { simClient, type SimClient } from './test-support/sim-http-client'

let sim: RunningSimulator
let api: SimClient

beforeAll(async () => {
  sim = await startSimulator({ generate: { tasks: 20, calls: 5000, seed: 1 } })
  api = simClient(sim)
})
afterAll(() => sim.close())

describe('100,000 generated calls', () => {
  it('are all there, counted by the task list of both companies', async () => {
    let done = 0
    for (const companyId of [1001, 2002]) {
      const list = (await api.get('/task/getTasks', { companyId, needAll: true, pageSize: 100 })).json().data.list
      for (const task of list as { doneCount: number | null }[]) done += task.doneCount ?? 0
    }
    expect(done).toBe(100_000)
  })

  it('answer filtered queries, deep pages and call details on a 5000-call task', async () => {
    const taskId = sim.store.allTasks()[7]?.task.callJobId as number
    const deep = (await api.post('/task/queryDoneTaskPhones', { callJobId: taskId, pageNum: 100, pageSize: 50 })).json()
    expect(deep.data).toMatchObject({ total: 5000, pages: 100, size: 50 })
    const filtered = await api.post('/task/queryDoneTaskPhones', {
      callJobId: taskId,
      durationLeft: 60,
      chatRoundLeft: 5,
      resultQueryList: [{ name: '客户意向等级', value: 'A级(较强)' }],
      pageSize: 50,
    })
    const data = filtered.json().data
    expect(data.total).toBeGreaterThan(0)
    for (const row of data.list) {
      expect(parseInt(row.duration, 10)).toBeGreaterThanOrEqual(60)
      expect(row.resultList).toContainEqual({ name: '客户意向等级', value: 'A级(较强)' })
    }
    const detail = (await api.get('/task/phoneLogInfo', { callInstanceId: data.list[0].callInstanceId })).json()
    expect(detail.data.phoneLog.phoneLogs.length).toBeGreaterThan(0)
  })
})
