import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { GENERATED_CREDENTIALS } from '../dataset/generate'
import { startSimulator, type RunningSimulator } from '../simulator'
import { simClient, type Json, type SimClient } from '../test-support/sim-http-client'

let sim: RunningSimulator
let api: SimClient
let onlyB: SimClient

beforeAll(async () => {
  sim = await startSimulator({ generate: { tasks: 6, calls: 120, seed: 11 } })
  api = simClient(sim)
  onlyB = simClient(sim, GENERATED_CREDENTIALS[1])
})
afterAll(() => sim.close())

const tasksOf = (companyId: number) => sim.store.allTasks().filter((s) => s.task.companyId === companyId)

/** Every done call of a task through the API, all pages. */
async function allCalls(taskId: number): Promise<Record<string, Json>[]> {
  const rows: Record<string, Json>[] = []
  for (let pageNum = 1; ; pageNum++) {
    const data = (await api.post('/task/queryDoneTaskPhones', { callJobId: taskId, pageNum, pageSize: 50 })).json().data
    rows.push(...data.list)
    if (pageNum >= data.pages) return rows
  }
}

describe('getTasks', () => {
  it("lists a company's live tasks newest first, deleted ones only with needAll", async () => {
    for (const companyId of [1001, 2002]) {
      const live = tasksOf(companyId).filter((s) => !s.task.deleted)
      const reply = (await api.get('/task/getTasks', { companyId, pageSize: 100 })).json()
      expect(reply).toMatchObject({ code: 200, resultMsg: '操作成功', errorStackTrace: null })
      const ids = reply.data.list.map((t: { callJobId: number }) => t.callJobId)
      expect(ids).toEqual(live.map((s) => s.task.callJobId).sort((a, b) => b - a))
    }
    const all = (await api.get('/task/getTasks', { companyId: 2002, needAll: true })).json().data
    const deleted = tasksOf(2002).filter((s) => s.task.deleted)
    expect(deleted).toHaveLength(1)
    expect(all.total).toBe(tasksOf(2002).length)
    expect(all.list.map((t: { callJobId: number }) => t.callJobId)).toContain(deleted[0]?.task.callJobId)
  })

  it('pages with size, total, pages and a short last page', async () => {
    const total = tasksOf(1001).filter((s) => !s.task.deleted).length
    expect(total).toBe(5)
    const first = (await api.get('/task/getTasks', { companyId: 1001, pageSize: 2 })).json().data
    expect(first).toMatchObject({ pageNum: 1, pageSize: 2, size: 2, total: 5, pages: 3 })
    const last = (await api.get('/task/getTasks', { companyId: 1001, pageSize: 2, pageNum: 3 })).json().data
    expect(last).toMatchObject({ pageNum: 3, size: 1, total: 5, pages: 3 })
    const beyond = (await api.get('/task/getTasks', { companyId: 1001, pageSize: 2, pageNum: 4 })).json().data
    expect(beyond).toMatchObject({ size: 0, total: 5, list: [] })
    const defaults = (await api.get('/task/getTasks', { companyId: 1001 })).json().data
    expect(defaults).toMatchObject({ pageNum: 1, pageSize: 10, size: 5, pages: 1 })
  })

  it('filters by task name substring, create date and status', async () => {
    const target = tasksOf(1001)[1]?.task
    if (!target) throw new Error('no task')
    const fragment = [...target.jobName].slice(2, 6).join('')
    const byName = (await api.get('/task/getTasks', { companyId: 1001, taskName: fragment })).json().data
    expect(byName.total).toBeGreaterThan(0)
    for (const t of byName.list) expect(t.jobName).toContain(fragment)
    const byDate = (await api.get('/task/getTasks', { companyId: 1001, createDate: target.createDate })).json().data
    expect(byDate.list.map((t: { callJobId: number }) => t.callJobId)).toContain(target.callJobId)
    const sameDate = tasksOf(1001).filter((s) => s.task.createDate === target.createDate && !s.task.deleted)
    expect(byDate.total).toBe(sameDate.length)
    const byStatus = (await api.get('/task/getTasks', { companyId: 1001, status: 0 })).json().data
    expect(byStatus.list.map((t: { status: number }) => t.status)).toEqual([0])
  })

  it('sends null counters for a task that never ran, real counts otherwise', async () => {
    const list = (await api.get('/task/getTasks', { companyId: 1001 })).json().data.list
    const never = list.find((t: { status: number }) => t.status === 0)
    expect(never).toMatchObject({ totalCount: null, doneCount: null, calledCount: null, fromUnavailableCount: null })
    const ran = list.find((t: { status: number }) => t.status !== 0)
    expect(ran.doneCount).toBe(120)
    expect(ran.totalCount).toBeGreaterThanOrEqual(120)
  })

  it('answers 412 for a missing or invalid parameter and 403 for a company not granted', async () => {
    const codes = async (query: Record<string, string | number>) => (await api.get('/task/getTasks', query)).json().code
    expect(await codes({})).toBe(412)
    expect(await codes({ companyId: 'abc' })).toBe(412)
    expect(await codes({ companyId: 1001, pageSize: 101 })).toBe(412)
    expect(await codes({ companyId: 1001, pageNum: 0 })).toBe(412)
    expect(await codes({ companyId: 1001, needAll: 'maybe' })).toBe(412)
    const refused = await onlyB.get('/task/getTasks', { companyId: 1001 })
    expect(refused.status).toBe(200)
    expect(refused.json()).toMatchObject({ code: 403, data: null })
    expect((await onlyB.get('/task/getTasks', { companyId: 2002 })).json().code).toBe(200)
  })
})

describe('getTaskDetail', () => {
  it("derives counters and stats from the task's calls", async () => {
    const taskId = tasksOf(1001)[0]?.task.callJobId as number
    const detail = (await api.get('/task/getTaskDetail', { companyId: 1001, taskId })).json().data
    const calls = await allCalls(taskId)
    const answered = calls.filter((c) => c.finishStatus === 0)
    expect(detail.doneCount).toBe(calls.length)
    expect(detail.calledCount).toBe(answered.length)
    expect(detail.rejectedCount).toBe(calls.filter((c) => c.finishStatus === 1).length)
    expect(detail.unavailableCount).toBe(calls.filter((c) => c.finishStatus === 2).length)
    expect(detail.fromUnavailableCount).toBe(calls.filter((c) => c.finishStatus === 3).length)
    const seconds = answered.map((c) => parseInt(c.duration, 10))
    const stat = Object.fromEntries(detail.durationStat.map((b: { name: string; value: number }) => [b.name, b.value]))
    expect(stat['<10s']).toBe(seconds.filter((s) => s < 10).length)
    expect(stat['>=2min']).toBe(seconds.filter((s) => s >= 120).length)
    const sum = (rows: { value: number }[]) => rows.reduce((n, r) => n + r.value, 0)
    expect(sum(detail.durationStat)).toBe(answered.length)
    expect(sum(detail.chatRoundStat)).toBe(answered.length)
    for (const [name, values] of Object.entries(
      detail.extraStat as Record<string, { name: string; value: number }[]>,
    )) {
      for (const { name: value, value: count } of values) {
        const carrying = answered.filter((c) => c.resultList.some((r: Json) => r.name === name && r.value === value))
        expect(count).toBe(carrying.length)
      }
    }
    expect(detail.extraStat['客户意向等级']).toBeDefined()
    expect(detail.resultDefs[0]).toEqual({ name: '客户意向等级', values: expect.arrayContaining(['A级(较强)']) })
    expect(detail.callPhones[0]).toMatchObject({ callJobId: taskId, phone: expect.any(String) })
  })

  it('answers 404 for unknown tasks and for tasks of another company, 412 without taskId', async () => {
    const taskOf2002 = tasksOf(2002)[0]?.task.callJobId as number
    const taskOf1001 = tasksOf(1001)[0]?.task.callJobId as number
    expect((await api.get('/task/getTaskDetail', { companyId: 1001, taskId: 999_999 })).json().code).toBe(404)
    expect((await api.get('/task/getTaskDetail', { companyId: 1001, taskId: taskOf2002 })).json().code).toBe(404)
    expect((await onlyB.get('/task/getTaskDetail', { companyId: 2002, taskId: taskOf1001 })).json().code).toBe(404)
    expect((await onlyB.get('/task/getTaskDetail', { companyId: 1001, taskId: taskOf1001 })).json().code).toBe(403)
    const missing = (await api.get('/task/getTaskDetail', { companyId: 1001 })).json()
    expect(missing).toMatchObject({ code: 412, resultMsg: expect.stringContaining('taskId') })
  })
})
