import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { startSimulator, type RunningSimulator } from './simulator'
import { simClient, type SimClient } from './test-support/sim-http-client'

let sim: RunningSimulator
let api: SimClient
let taskId: number
let callId: number

beforeAll(async () => {
  sim = await startSimulator({ generate: { tasks: 2, calls: 60, seed: 2 } })
  api = simClient(sim)
  const state = sim.store.tasksOfCompany(sim.companyId).find((s) => s.calls.length > 0)!
  taskId = state.task.callJobId
  callId = state.calls.find((c) => c.recordingExt('mix') !== null)!.callInstanceId
})
afterAll(() => sim.close())
beforeEach(() => {
  sim.setQuirks({})
})

const donePage = (pageNum: number, pageSize: number) =>
  api.post('/task/queryDoneTaskPhones', { callJobId: taskId, pageNum, pageSize })

describe('paging quirks', () => {
  it('omitTotals leaves total and pages out of every paged answer', async () => {
    sim.setQuirks({ omitTotals: true })
    const data = (await donePage(1, 20)).json().data
    expect(data.list).toHaveLength(20)
    expect(data).not.toHaveProperty('total')
    expect(data).not.toHaveProperty('pages')
    const tasks = (await api.get('/task/getTasks', { companyId: sim.companyId })).json().data
    expect(tasks).not.toHaveProperty('total')
  })

  it('pageSizeCap serves fewer rows than asked, pages by the cap, and echoes the asked size and its page count', async () => {
    sim.setQuirks({ pageSizeCap: 7 })
    const first = (await donePage(1, 50)).json().data
    const second = (await donePage(2, 50)).json().data
    expect(first).toMatchObject({ pageSize: 50, total: 60, pages: 2 })
    expect(first.list).toHaveLength(7)
    expect(second.list).toHaveLength(7)
    const ids = [...first.list, ...second.list].map((row: { callInstanceId: number }) => row.callInstanceId)
    expect(new Set(ids).size).toBe(14)
  })
})

describe('task quirks', () => {
  it('answer the task detail or a list with the chosen envelope code, other tasks untouched', async () => {
    sim.setQuirks({ tasks: { [taskId]: { detail: 403, notDialed: 500 } } })
    const detail = (await api.get('/task/getTaskDetail', { companyId: sim.companyId, taskId })).json()
    expect(detail.code).toBe(403)
    const notDialed = (await api.post('/task/notDialedCustomerList', { taskId, pageNum: 1, pageSize: 10 })).json()
    expect(notDialed.code).toBe(500)
    expect((await donePage(1, 10)).json().code).toBe(200)
  })

  it('malformed answers a task detail whose data is not a task', async () => {
    sim.setQuirks({ tasks: { [taskId]: { detail: 'malformed' } } })
    const reply = (await api.get('/task/getTaskDetail', { companyId: sim.companyId, taskId })).json()
    expect(reply.code).toBe(200)
    expect(typeof reply.data).toBe('string')
  })
})

describe('recording quirks', () => {
  const recording = () => fetch(`${sim.origin}/recordings/${callId}.wav`)

  it('403, 404 and 410 answer as object storage does, without audio', async () => {
    sim.setQuirks({ recordings: { [callId]: 403 } })
    expect((await recording()).status).toBe(403)
    sim.setQuirks({ recordings: { [callId]: 404 } })
    expect((await recording()).status).toBe(404)
    sim.setQuirks({ recordings: { [callId]: 410 } })
    expect((await recording()).status).toBe(410)
    sim.setQuirks({})
    expect((await recording()).status).toBe(200)
  })

  it('not-audio answers 200 with an HTML page', async () => {
    sim.setQuirks({ recordings: { [callId]: 'not-audio' } })
    const reply = await recording()
    expect(reply.status).toBe(200)
    expect(reply.headers.get('content-type')).toContain('text/html')
  })

  it('file names the recording with a file:// URL in the list and the detail', async () => {
    sim.setQuirks({ recordings: { [callId]: 'file' } })
    const detail = (await api.get('/task/phoneLogInfo', { callInstanceId: callId })).json().data
    expect(detail.sceneInstance.luyinOssUrl).toMatch(/^file:\/\/\/.*\.wav$/)
    expect(detail.phoneLog.luyinOssUrl).toBe(detail.sceneInstance.luyinOssUrl)
    const rows: { callInstanceId: number; luyinOssUrl: string }[] = []
    for (let page = 1; page <= 2; page++) rows.push(...(await donePage(page, 50)).json().data.list)
    expect(rows.find((r) => r.callInstanceId === callId)!.luyinOssUrl).toMatch(/^file:/)
    expect(rows.filter((r) => r.luyinOssUrl?.startsWith('file:'))).toHaveLength(1)
  })
})

describe('the quirks admin endpoint', () => {
  it('replaces the quirks, reports them in the state, and names a bad field', async () => {
    const set = await api.admin('quirks', { omitTotals: true, tasks: { [taskId]: { doneCalls: 404 } } })
    expect(set.status).toBe(200)
    expect((await api.admin('state')).json().quirks).toMatchObject({ omitTotals: true, tasks: { [taskId]: {} } })
    expect(sim.quirks().tasks[taskId]).toEqual({ doneCalls: 404 })
    const bad = await api.admin('quirks', { recordings: { [callId]: 418 } })
    expect(bad.status).toBe(400)
    expect(bad.json().error).toContain(`recordings.${callId}`)
    expect(sim.quirks().omitTotals).toBe(true)
  })
})
