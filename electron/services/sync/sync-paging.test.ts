// Paging against servers the simulator does not model: one that answers a page past the end with
// its last page again (PageHelper's "reasonable" mode), and one whose total is too small to be true.
// The real client and cache against the simulator; only the not-dialed pages are reshaped.
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, expect, it } from 'vitest'
import { startSimulator, type RunningSimulator } from '../../sim/simulator'
import { ByrobotClient } from '../byrobot'
import { CallCache } from '../cache'
import { EventBus } from '../events/event-bus'
import type { Page, SyncClient } from './sync-ports'
import { SyncService } from './sync-service'
import type { NotDialedCustomer } from '../../shared/contract'

const opened: { sim?: RunningSimulator; cache?: CallCache } = {}
afterEach(async () => {
  opened.cache?.close()
  await opened.sim?.close()
})

type NotDialedQuery = Parameters<SyncClient['listNotDialed']>[0]
type Reshape = (page: Page<NotDialedCustomer>, query: NotDialedQuery) => Promise<Page<NotDialedCustomer>>

async function syncNotDialed(reshape: (client: ByrobotClient) => Reshape) {
  // With 3 tasks the never-run one (130 customers to dial) belongs to the first company.
  const sim = (opened.sim = await startSimulator({ generate: { tasks: 3, calls: 4, seed: 3, notDialed: 130 } }))
  const dir = mkdtempSync(join(tmpdir(), 'calllens-paging-'))
  const cache = (opened.cache = new CallCache(join(dir, 'cache.db'), { dataDir: dir }))
  const real = new ByrobotClient({ baseUrl: sim.baseUrl, ...sim.credentials, companyId: sim.companyId })
  const reshapePage = reshape(real)
  const client: SyncClient = {
    listTasks: (query, options) => real.listTasks(query, options),
    getTaskDetail: (taskId, options) => real.getTaskDetail(taskId, options),
    listDoneCalls: (query, options) => real.listDoneCalls(query, options),
    listNotDialed: async (query, options) => reshapePage(await real.listNotDialed(query, options), query),
    getCallDetail: (id, options) => real.getCallDetail(id, options),
    fetchRecording: (url, signal) => real.fetchRecording(url, signal),
  }
  const service = new SyncService(new EventBus())
  service.start({ profileId: 'p-paging', profileDir: dir, client, cache })
  const progress = (await service.wait())!
  const neverRun = sim.store.tasksOfCompany(sim.companyId).find((s) => s.notDialed.length === 130)!.task.callJobId
  return { progress, customers: cache.listNotDialed(neverRun) }
}

it('stops at a server that answers a page past the end with its last page again', async () => {
  // 26 rows a page, so the 130 customers fill five full pages and the sixth repeats the fifth.
  const { progress, customers } = await syncNotDialed((real) => async (_page, query) => {
    const rows = 26
    const answer = await real.listNotDialed({ ...query, pageSize: rows, pageNum: 1 })
    const last = Math.max(1, Math.ceil((answer.total ?? 0) / rows))
    const page = await real.listNotDialed({ ...query, pageSize: rows, pageNum: Math.min(query.pageNum, last) })
    return { ...page, total: null, pages: null }
  })
  expect(progress).toMatchObject({ phase: 'done', errors: [] })
  expect(new Set(customers.map((c) => c.callInstanceId)).size).toBe(130)
})

it('pages on past a total too small to be true until a short page', async () => {
  const { progress, customers } = await syncNotDialed(() => async (page) => ({ ...page, total: 0, pages: 0 }))
  expect(progress).toMatchObject({ phase: 'done', errors: [] })
  expect(customers).toHaveLength(130)
})
