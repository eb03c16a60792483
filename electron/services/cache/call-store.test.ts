import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { SyncCache } from '../sync/sync-ports'
import {
  intent,
  makeDetail,
  makeRecording,
  makeSummary,
  makeTask,
  openTempCache,
} from '../../test-support/cache-fixtures'

describe('storing the done-call list', () => {
  it('upserts by id, so overlapping and repeated pages store each call once', () => {
    const { cache } = openTempCache()
    const page1 = [1, 2, 3, 4].map((id) => makeSummary(id))
    const page2 = [3, 4, 5, 6].map((id) => makeSummary(id)) // the list shifted by two between requests
    expect(cache.upsertCallSummaries(1, page1).sort()).toEqual([1, 2, 3, 4])
    expect(cache.upsertCallSummaries(1, page2).sort()).toEqual([5, 6])
    expect(cache.upsertCallSummaries(1, page1)).toEqual([])
    expect(cache.countCalls(1)).toBe(6)
    expect(cache.queryCalls({ taskId: 1 }).total).toBe(6)
    cache.close()
  })

  it('reports a call whose list row changed, and asks for its detail again', () => {
    const { cache } = openTempCache()
    const call = makeSummary(1)
    cache.upsertCallSummaries(1, [call])
    cache.saveCallDetail(makeDetail(call))
    expect(cache.callsNeedingDetail(1)).toEqual([])
    expect(cache.upsertCallSummaries(1, [{ ...call, results: [intent('B级(一般)')] }])).toEqual([1])
    expect(cache.callsNeedingDetail(1)).toEqual([1])
    expect(cache.queryCalls({ taskId: 1 }).rows[0]?.results).toEqual([{ name: '客户意向等级', value: 'B级(一般)' }])
    expect(cache.upsertCallSummaries(1, [{ ...call, results: [intent('B级(一般)')] }])).toEqual([])
    expect(cache.upsertCallSummaries(1, [{ ...call, results: [intent('B级(一般)')], durationSec: 61 }])).toEqual([1])
    cache.close()
  })

  it('lists the calls a killed sync left without their detail, so a resumed sync fetches just those', () => {
    const { cache } = openTempCache()
    const calls = [1, 2, 3, 4].map((id) => makeSummary(id))
    cache.upsertCallSummaries(1, calls)
    cache.saveCallDetail(makeDetail(calls[0]!))
    cache.saveCallDetail(makeDetail(calls[2]!))
    cache.upsertCallSummaries(2, [makeSummary(9, { taskId: 2 })])
    expect(cache.callsNeedingDetail(1)).toEqual([2, 4])
    expect(cache.callsNeedingDetail(1, 1)).toEqual([2])
    cache.close()
  })
})

describe('storing a call detail', () => {
  it('stores detail, transcript, results and recordings, and reads them back whole', () => {
    const { cache, dir } = openTempCache()
    cache.upsertTasks([makeTask(1)])
    const call = makeSummary(42)
    cache.upsertCallSummaries(1, [call])
    cache.recordCallError(42, 'api_timeout', 'timed out')
    const detail = makeDetail(call, ['您好', '我不需要', '好的再见'], {
      results: [intent('C级(无法判断)'), { name: '是否有房', value: '是', desc: '问到房产' }],
    })
    cache.saveCallDetail(detail, [
      makeRecording(42),
      makeRecording(42, { kind: 'customer', path: 'recordings/42c.mp3', peaks: null }),
    ])
    const cached = cache.getCall(42)
    expect(cached?.call).toEqual(detail)
    expect(cached?.taskName).toBe('任务 1')
    expect(cached?.detailFetchedAt).not.toBeNull()
    expect(cached?.error).toBeNull()
    expect(cached?.review).toBeNull()
    expect(cached?.recordings.map((r) => [r.kind, r.peakCount, r.durationMs, r.sampleRate])).toEqual([
      ['customer', 0, 60_000, 8000],
      ['full', 4, 60_000, 8000],
    ])
    expect(cache.recordingPeaks(42, 'full')).toEqual(new Float32Array([0.5, -0.25, 1, -1]))
    expect(cache.recordingPeaks(42, 'customer')).toBeNull()
    expect(cache.recordingPath(42, 'full')).toBe(join(dir, 'profile-1', 'recordings', '42', 'full.mp3'))
    expect(cache.recordingPath(43, 'full')).toBeNull()
    const row = cache.queryCalls({}).rows[0]
    expect(row).toMatchObject({ callInstanceId: 42, recordingCached: true, hasError: false, taskName: '任务 1' })
    cache.close()
  })

  it('takes the detail’s results when they differ from the list’s', () => {
    const { cache } = openTempCache()
    const call = makeSummary(1, { results: [intent('A级(较强)')] })
    cache.upsertCallSummaries(1, [call])
    cache.saveCallDetail(makeDetail(call, ['你好'], { results: [intent('E级(需要再次跟进)')] }))
    expect(cache.getCall(1)?.call.results).toEqual([intent('E级(需要再次跟进)')])
    expect(cache.queryCalls({ tags: [{ name: '客户意向等级', values: ['A级(较强)'] }] }).total).toBe(0)
    cache.close()
  })

  it('keeps the name and phone search in step with a changed list row', () => {
    const { cache } = openTempCache()
    cache.upsertCallSummaries(1, [makeSummary(1, { customerName: '欧阳娜娜', customerTelephone: '13700001111' })])
    cache.upsertCallSummaries(1, [makeSummary(1, { customerName: '司马相如', customerTelephone: '13900002222' })])
    expect(cache.queryCalls({ text: '欧阳娜' }).total).toBe(0)
    expect(cache.queryCalls({ text: '00001111' }).total).toBe(0)
    expect(cache.queryCalls({ text: '司马相' }).total).toBe(1)
    expect(cache.queryCalls({ text: '00002222' }).total).toBe(1)
    cache.close()
  })

  it('keeps the list results when the detail carries none', () => {
    const { cache } = openTempCache()
    const call = makeSummary(1, { results: [intent('A级(较强)')] })
    cache.upsertCallSummaries(1, [call])
    cache.saveCallDetail(makeDetail(call, ['你好'], { results: [] }))
    expect(cache.getCall(1)?.call.results).toEqual([intent('A级(较强)')])
    cache.close()
  })

  it('is all or nothing: a recording the database refuses leaves the call exactly as it was', () => {
    const { cache } = openTempCache()
    const call = makeSummary(7)
    cache.upsertCallSummaries(1, [call])
    cache.recordCallError(7, 'api_timeout', 'timed out')
    const before = cache.getCall(7)
    const bad = makeRecording(7, { kind: 'video' as never }) // violates the kind CHECK after the other rows went in
    expect(() => cache.saveCallDetail(makeDetail(call, ['这句不该留下']), [makeRecording(7), bad])).toThrow(/CHECK/)
    expect(cache.getCall(7)).toEqual(before)
    expect(cache.callsNeedingDetail(1)).toEqual([7])
    expect(cache.queryCalls({ text: '不该留下' }).total).toBe(0)
    expect(cache.queryCalls({ text: '留下' }).total).toBe(0)
    expect(cache.integrityCheck().cache).toEqual(['ok'])
    cache.close()
  })

  it('is all or nothing for a call the list has not shown yet: the call stays absent', () => {
    const { cache } = openTempCache()
    const bad = makeRecording(8, { sha256: 'short' })
    expect(() => cache.saveCallDetail(makeDetail(makeSummary(8)), [bad])).toThrow()
    expect(cache.getCall(8)).toBeNull()
    expect(cache.countCalls(1)).toBe(0)
    cache.close()
  })

  it('refuses a recording path outside the data directory', () => {
    const { cache } = openTempCache()
    const call = makeSummary(9)
    for (const path of ['../elsewhere.mp3', '/etc/passwd', 'recordings/../../x.mp3', '']) {
      expect(() => cache.saveCallDetail(makeDetail(call), [makeRecording(9, { path })])).toThrow(/recording path/)
    }
    expect(cache.getCall(9)).toBeNull()
    cache.close()
  })

  it('replaces a re-fetched transcript instead of appending to it', () => {
    const { cache } = openTempCache()
    const call = makeSummary(1)
    cache.saveCallDetail(makeDetail(call, ['旧的第一句', '旧的第二句', '旧的第三句']))
    cache.saveCallDetail(makeDetail(call, ['新的一句话']))
    expect(cache.getCall(1)?.call.transcript.map((l) => l.content)).toEqual(['新的一句话'])
    expect(cache.queryCalls({ text: '旧的第' }).total).toBe(0)
    expect(cache.queryCalls({ text: '新的一句' }).total).toBe(1)
    cache.close()
  })

  it('keeps the last error per call until the call is stored', () => {
    const { cache } = openTempCache()
    const call = makeSummary(1)
    cache.upsertCallSummaries(1, [call])
    cache.recordCallError(1, 'api_timeout', 'first')
    cache.recordCallError(1, 'api_server_error', 'second')
    expect(cache.getCall(1)?.error).toMatchObject({ code: 'api_server_error', message: 'second' })
    expect(cache.queryCalls({}).rows[0]?.hasError).toBe(true)
    expect(cache.listTasks({}).length).toBe(0)
    cache.saveCallDetail(makeDetail(call))
    expect(cache.getCall(1)?.error).toBeNull()
    cache.close()
  })
})

describe('tasks, sync state and not-dialed customers', () => {
  it('lists tasks with their sync statistics and filters them', () => {
    const { cache } = openTempCache()
    cache.upsertTasks([
      makeTask(1, { name: '三月回访', status: 2, startDate: '2026-03-01 09:00:00' }),
      makeTask(2, { name: '四月营销', status: 1, startDate: '2026-04-01 09:00:00' }),
    ])
    const calls = [1, 2, 3].map((id) => makeSummary(id))
    cache.upsertCallSummaries(1, calls)
    cache.saveCallDetail(makeDetail(calls[0]!), [makeRecording(1)])
    cache.saveCallDetail(makeDetail(calls[1]!))
    cache.recordCallError(3, 'api_timeout', 'timed out')
    cache.markTaskSynced(1, 5, '2026-03-05T00:00:00.000Z')
    const [april, march] = cache.listTasks()
    expect(april?.task.taskId).toBe(2)
    expect(march?.stats).toEqual({
      callsCached: 3,
      callsDetailed: 2,
      callsReviewed: 0,
      listTotal: 5,
      recordingsCached: 1,
      callErrors: 1,
      lastSyncedAt: '2026-03-05T00:00:00.000Z',
      phase: 'done',
      error: null,
    })
    expect(cache.listTasks({ name: '回访' }).map((t) => t.task.taskId)).toEqual([1])
    expect(cache.listTasks({ name: '%' })).toEqual([])
    expect(cache.listTasks({ status: 1 }).map((t) => t.task.taskId)).toEqual([2])
    expect(cache.listTasks({ createDate: '2026-04-01' }).map((t) => t.task.taskId)).toEqual([2])
    cache.close()
  })

  it('keeps tasks the server stopped listing, hidden unless asked for, and restores them if listed again', () => {
    const { cache } = openTempCache()
    cache.upsertTasks([makeTask(1), makeTask(2)])
    expect(cache.retireTasksNotIn([2])).toBe(1)
    expect(cache.listTasks().map((t) => t.task.taskId)).toEqual([2])
    expect(
      cache
        .listTasks({ includeDeleted: true })
        .map((t) => t.task.taskId)
        .sort(),
    ).toEqual([1, 2])
    cache.upsertTasks([makeTask(1)])
    expect(cache.listTasks().length).toBe(2)
    cache.close()
  })

  it('stores a task detail and reads it back; a task without detail has empty lists', () => {
    const { cache } = openTempCache()
    cache.upsertTasks([makeTask(2)])
    expect(cache.getTaskDetail(2)?.resultDefs).toEqual([])
    const detail = {
      ...makeTask(1),
      durationStat: [{ name: '0-10秒', value: 3 }],
      chatRoundStat: [{ name: '1-3轮', value: null }],
      resultDefs: [{ name: '客户意向等级', values: ['A级(较强)', 'B级(一般)'] }],
      extraStat: { 客户意向等级: [{ name: 'A级(较强)', value: 2 }] },
      callerLines: [{ jobPhoneId: 1, userPhoneId: null, phone: '02100000000', phoneName: null }],
    }
    cache.saveTaskDetail(detail)
    expect(cache.getTaskDetail(1)).toEqual(detail)
    expect(cache.listTasks().find((t) => t.task.taskId === 1)?.detailSyncedAt).not.toBeNull()
    expect(cache.getTaskDetail(3)).toBeNull()
    cache.close()
  })

  it('keeps statistics it could not read beside the charted ones, and reads both back', () => {
    const { cache } = openTempCache()
    const detail = {
      ...makeTask(1),
      durationStat: [],
      chatRoundStat: [],
      resultDefs: [],
      extraStat: { 客户意向等级: [{ name: '较强', value: 2 }] },
      unrecognisedStats: '{\n  "客户关注点": "位置:3"\n}',
      callerLines: [],
    }
    cache.saveTaskDetail(detail)
    expect(cache.getTaskDetail(1)).toEqual(detail)
    cache.saveTaskDetail({ ...detail, unrecognisedStats: undefined })
    expect(cache.getTaskDetail(1)).not.toHaveProperty('unrecognisedStats')
    expect(cache.getTaskDetail(1)?.extraStat).toEqual(detail.extraStat)
    cache.close()
  })

  it('merges sync state patches', () => {
    const { cache } = openTempCache()
    expect(cache.getSyncState(1)).toBeNull()
    cache.setSyncState(1, { phase: 'list', cursor: '{"pageNum":3}', listTotal: 120 })
    cache.setSyncState(1, { phase: 'details', error: 'rate limited' })
    expect(cache.getSyncState(1)).toMatchObject({
      taskId: 1,
      phase: 'details',
      cursor: '{"pageNum":3}',
      listTotal: 120,
      lastSyncedAt: null,
      error: 'rate limited',
    })
    cache.close()
  })

  it('replaces the not-dialed list and keeps a customer seen on two shifted pages once', () => {
    const { cache } = openTempCache()
    const customer = (id: number) => ({
      callInstanceId: id,
      taskId: 1,
      customerName: `客户${id}`,
      customerTelephone: '13800000000',
      status: 0,
      startTime: null,
      callerPhone: null,
      corpName: '百应',
      calledTimes: 0,
    })
    cache.saveNotDialed(1, [customer(1), customer(2)])
    cache.saveNotDialed(1, [customer(2), customer(3), customer(3)])
    expect(cache.listNotDialed(1).map((c) => c.callInstanceId)).toEqual([2, 3])
    expect(cache.listNotDialed(1)[0]).toEqual(customer(2))
    cache.close()
  })

  it('serves as the sync engine’s cache port', () => {
    const { cache } = openTempCache()
    const port: SyncCache = cache
    expect(port.callsNeedingDetail(1)).toEqual([])
    cache.close()
  })
})

describe('a recording that cannot be had', () => {
  const missing = (at: string) =>
    ({ kind: 'full', url: 'http://oss/42.wav', reason: 'not_found', message: 'HTTP 404', at }) as const

  it('is stored with the call, shown on its row and its detail, and due again once its mark is old', () => {
    const { cache } = openTempCache()
    const call = makeSummary(42)
    cache.upsertCallSummaries(1, [call])
    cache.recordCallError(42, 'api_timeout', 'timed out')
    cache.saveCallDetail(makeDetail(call, ['您好']), [], [missing('2026-03-01T08:00:00.000Z')])
    expect(cache.queryCalls({}).rows[0]).toMatchObject({ recordingCached: false, recordingUnavailable: 'not_found' })
    const cached = cache.getCall(42)!
    expect(cached.call.transcript).toHaveLength(1)
    expect(cached.error).toBeNull()
    expect(cached.unavailableRecordings).toEqual([
      { kind: 'full', reason: 'not_found', message: 'HTTP 404', at: '2026-03-01T08:00:00.000Z' },
    ])
    expect(cache.unavailableRecordings(42)).toEqual([missing('2026-03-01T08:00:00.000Z')])
    expect(cache.callsWithRecordingDue(1, '2026-03-01T08:00:00.000Z')).toEqual([])
    expect(cache.callsWithRecordingDue(1, '2026-03-01T08:00:00.001Z')).toEqual([42])
    expect(cache.callsWithRecordingDue(2, '2026-03-09T00:00:00.000Z')).toEqual([])
    cache.close()
  })

  it('is no longer marked once its recording is stored', () => {
    const { cache } = openTempCache()
    const call = makeSummary(42)
    cache.upsertCallSummaries(1, [call])
    cache.saveCallDetail(makeDetail(call), [], [missing('2026-03-01T08:00:00.000Z')])
    cache.saveCallDetail(makeDetail(call), [makeRecording(42)], [])
    expect(cache.getCall(42)!.unavailableRecordings).toEqual([])
    expect(cache.unavailableRecordings(42)).toEqual([])
    expect(cache.queryCalls({}).rows[0]).toMatchObject({ recordingCached: true, recordingUnavailable: null })
    cache.close()
  })

  it('keeps the task error a failed task sync recorded until the task syncs', () => {
    const { cache } = openTempCache()
    cache.recordTaskError(5, 'api_forbidden', 'access was refused')
    expect(cache.getSyncState(5)).toMatchObject({ phase: 'failed', error: 'api_forbidden: access was refused' })
    cache.markTaskSynced(5, 0, '2026-03-01T08:00:00.000Z')
    expect(cache.getSyncState(5)?.error).toBeNull()
    cache.close()
  })
})
