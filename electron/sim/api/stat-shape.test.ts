import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSimulator, type RunningSimulator } from '../simulator'
import { simClient, type Json, type SimClient } from '../test-support/sim-http-client'
import { shortLabel } from './stat-shape'

let sim: RunningSimulator
let api: SimClient

beforeAll(async () => {
  sim = await startSimulator({ generate: { tasks: 2, calls: 60, seed: 4 } })
  api = simClient(sim)
})
afterAll(() => sim.close())

const taskId = () => sim.store.tasksOfCompany(sim.companyId)[0]!.task.callJobId
const detail = async (): Promise<Json> =>
  (await api.get('/task/getTaskDetail', { companyId: sim.companyId, taskId: taskId() })).json().data

/** Rows of a group in whichever shape, as {name → count}. */
const counts = (rows: { name: string; value: number }[]) => Object.fromEntries(rows.map((r) => [r.name, r.value]))

describe('extraStat shapes on demand', () => {
  it('sends the object of full values by default and each list shape when asked through the admin endpoint', async () => {
    const object = (await detail()).extraStat as Record<string, { name: string; value: number }[]>
    expect(object['客户意向等级']!.every((row) => /级\(/.test(row.name))).toBe(true)

    expect((await api.admin('stat-shape', { extraStat: 'list-value' })).json()).toEqual({
      extraStat: 'list-value',
      labels: 'full',
    })
    const listValue = (await detail()).extraStat as { name: string; value: { name: string; value: number }[] }[]
    expect(Object.fromEntries(listValue.map((g) => [g.name, g.value]))).toEqual(object)

    await api.admin('stat-shape', { extraStat: 'list-list' })
    const listList = (await detail()).extraStat as { name: string; list: { name: string; value: number }[] }[]
    expect(Object.fromEntries(listList.map((g) => [g.name, g.list]))).toEqual(object)

    await api.admin('stat-shape', { extraStat: 'flat' })
    expect((await detail()).extraStat).toEqual(Object.values(object).flat())
    await api.admin('stat-shape', { extraStat: 'object' })
  })

  it('sends short labels with the counts of one label summed, as the document example does', async () => {
    const full = (await detail()).extraStat['客户意向等级'] as { name: string; value: number }[]
    await api.admin('stat-shape', { labels: 'short' })
    try {
      const short = (await detail()).extraStat['客户意向等级'] as { name: string; value: number }[]
      const expected: Record<string, number> = {}
      for (const row of full) expected[shortLabel(row.name)] = (expected[shortLabel(row.name)] ?? 0) + row.value
      expect(counts(short)).toEqual(expected)
      expect(short.map((row) => row.name)).toContain('较强')
    } finally {
      await api.admin('stat-shape', { labels: 'full' })
    }
  })

  it('refuses an unknown shape or field with a message naming it, and keeps the current shape', async () => {
    const bad = await api.admin('stat-shape', { extraStat: 'tree' })
    expect(bad.status).toBe(400)
    expect(bad.json().error).toMatch(/extraStat must be one of object, list-value, list-list, flat/)
    expect((await api.admin('stat-shape', { colour: 'red' })).json().error).toMatch(/unknown stat shape field "colour"/)
    expect(Array.isArray((await detail()).extraStat)).toBe(false)
  })

  it('takes the shape as a startSimulator option', async () => {
    const other = await startSimulator({
      generate: { tasks: 1, calls: 20, seed: 4 },
      statShape: { extraStat: 'list-list' },
    })
    try {
      const id = other.store.tasksOfCompany(other.companyId)[0]!.task.callJobId
      const data = (
        await simClient(other).get('/task/getTaskDetail', { companyId: other.companyId, taskId: id })
      ).json()
      expect(data.data.extraStat[0]).toHaveProperty('list')
    } finally {
      await other.close()
    }
  })
})
