import { afterEach, describe, expect, it } from 'vitest'
import { ByrobotClient } from './client'
import { computeSign } from './sign'
import {
  CALL_DETAIL_EXAMPLE,
  DONE_CALLS_EXAMPLE,
  DONE_CALLS_REQUEST_EXAMPLE,
  NOT_DIALED_EXAMPLE_FIXED,
  TASK_DETAIL_EXAMPLE_FIXED,
  TASKS_EXAMPLE,
} from '../../test-support/api-doc-examples'
import { envelope, startTestServer, type Handler, type TestServer } from '../../test-support/byrobot-test-server'

let server: TestServer | undefined
afterEach(async () => {
  await server?.close()
  server = undefined
})

async function clientFor(handler: Handler, extra: Partial<ConstructorParameters<typeof ByrobotClient>[0]> = {}) {
  server = await startTestServer(handler)
  const client = new ByrobotClient({
    baseUrl: `${server.baseUrl}/`,
    appKey: 'demo-key',
    appSecret: 'demo-secret',
    companyId: 7,
    retry: { minTimeoutMs: 5, maxTimeoutMs: 20 },
    ...extra,
  })
  return { client, server }
}

/** A doc example with one row of its list (or its data) altered. */
function withFirstRow(example: string, patch: Record<string, unknown>): Record<string, unknown> {
  const body = JSON.parse(example) as { data: { list: Record<string, unknown>[] } }
  body.data.list[0] = { ...body.data.list[0], ...patch }
  return body
}

describe('ByrobotClient against the API document examples', () => {
  it('lists tasks: GET with companyId and filters, signed, mapped to Task', async () => {
    const { client, server } = await clientFor(() => ({ body: TASKS_EXAMPLE }))
    const page = await client.listTasks({ pageNum: 2, pageSize: 2, taskName: '测试', status: 2, includeDeleted: true })
    const [request] = server.requests
    expect(request?.method).toBe('GET')
    expect(request?.path).toBe('/openapi/v1/task/getTasks')
    expect(Object.fromEntries(request?.query ?? [])).toEqual({
      companyId: '7',
      taskName: '测试',
      status: '2',
      needAll: 'true',
      pageNum: '2',
      pageSize: '2',
    })
    const datetime = String(request?.headers.datetime)
    expect(datetime).toMatch(/^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/)
    expect(request?.headers.appkey).toBe('demo-key')
    expect(request?.headers.sign).toBe(computeSign('demo-key', 'demo-secret', datetime))
    expect(page).toMatchObject({ pageNum: 2, pageSize: 2, total: 46, pages: 23 })
    expect(page.items[0]).toEqual({
      taskId: 66,
      companyId: 7,
      name: '测试任务',
      jobType: 2,
      status: 2,
      startDate: '2017-10-25',
      workingStartTime: '09:00:00',
      workingEndTime: '21:00:00',
      breakStartTime: null,
      breakEndTime: null,
      remark: '',
      sceneDefId: 1,
      sceneDefName: null,
      robotDefName: null,
      sceneRecordName: null,
      totalCount: null,
      doneCount: null,
      calledCount: null,
      rejectedCount: null,
      unavailableCount: null,
      fromUnavailableCount: null,
    })
  })

  it('accepts enums sent as strings and ignores unknown fields', async () => {
    const body = withFirstRow(TASKS_EXAMPLE, { status: '2', jobType: '1', gmtCreate: '2017-10-25', decisionId: 9 })
    const { client } = await clientFor(() => ({ body }))
    const page = await client.listTasks({ pageNum: 1, pageSize: 10 })
    expect(page.items[0]).toMatchObject({ status: 2, jobType: 1 })
    expect(page.items[0]).not.toHaveProperty('gmtCreate')
  })

  it('reads task detail: stats, result definitions, caller lines (the example minus its trailing commas)', async () => {
    const { client, server } = await clientFor(() => ({ body: TASK_DETAIL_EXAMPLE_FIXED }))
    const detail = await client.getTaskDetail(19)
    expect(Object.fromEntries(server.requests[0]?.query ?? [])).toEqual({ companyId: '7', taskId: '19' })
    expect(detail).toMatchObject({
      taskId: 19,
      name: 'testJob',
      robotDefName: '产品电销',
      durationStat: [{ name: '<10s', value: 22 }],
      chatRoundStat: [{ name: '0-9次', value: 22 }],
      resultDefs: [{ name: '催缴结果', values: ['成功', '不成功'] }],
      callerLines: [
        { jobPhoneId: 26, userPhoneId: 1, phone: '13333333333', phoneName: 'sim1' },
        { jobPhoneId: 27, userPhoneId: 2, phone: '18888888888', phoneName: 'sim2' },
      ],
    })
    expect(detail.extraStat['客户意向等级']).toEqual([{ name: '较强', value: 1 }])
    expect(detail.extraStat['客户关注点']).toHaveLength(7)
  })

  it('reads stat values sent as strings, as the detail table documents them', async () => {
    const body = JSON.parse(TASK_DETAIL_EXAMPLE_FIXED) as { data: Record<string, unknown> }
    body.data.durationStat = [{ name: '<10s', value: '22' }]
    body.data.extraStat = { 客户意向等级: [{ name: '较强', value: '3' }] }
    const { client } = await clientFor(() => ({ body }))
    const detail = await client.getTaskDetail(19)
    expect(detail.durationStat).toEqual([{ name: '<10s', value: 22 }])
    expect(detail.extraStat['客户意向等级']).toEqual([{ name: '较强', value: 3 }])
  })

  it('reads extraStat sent as a list of groups, and keeps a shape it cannot read instead of failing', async () => {
    const body = JSON.parse(TASK_DETAIL_EXAMPLE_FIXED) as { data: Record<string, unknown> }
    body.data.extraStat = [
      { name: '客户意向等级', list: [{ name: '较强', value: 2 }] },
      { name: '客户关注点', value: '位置' },
    ]
    const { client } = await clientFor(() => ({ body }))
    const detail = await client.getTaskDetail(19)
    expect(detail.extraStat).toEqual({ 客户意向等级: [{ name: '较强', value: 2 }] })
    expect(JSON.parse(detail.unrecognisedStats!)).toEqual({ name: '客户关注点', value: '位置' })
    expect(detail.callerLines).toHaveLength(2)
  })

  it('lists done calls: POSTs the documented JSON body and reads "27秒" as 27 seconds', async () => {
    const { client, server } = await clientFor(() => ({ body: DONE_CALLS_EXAMPLE }))
    const page = await client.listDoneCalls({
      taskId: 62,
      durationMin: 0,
      durationMax: 100,
      chatRoundMin: 0,
      chatRoundMax: 10,
      finishStatus: 1,
      results: [{ name: '客户意向等级', value: 'A级(较强)' }],
      pageNum: 1,
      pageSize: 10,
    })
    const [request] = server.requests
    expect(request?.method).toBe('POST')
    expect(request?.path).toBe('/openapi/v1/task/queryDoneTaskPhones')
    expect(request?.headers['content-type']).toBe('application/json')
    expect(JSON.parse(request?.body ?? '')).toEqual(JSON.parse(DONE_CALLS_REQUEST_EXAMPLE))
    expect(page.items.map((c) => c.durationSec)).toEqual([27, 11])
    expect(page.items[0]).toEqual({
      callInstanceId: 493,
      taskId: 62,
      customerName: '测试02',
      customerTelephone: '1008',
      status: 2,
      finishStatus: 0,
      durationSec: 27,
      chatRound: 0,
      startTime: '2017-10-25 11:32:54',
      endTime: '2017-10-25 11:33:22',
      callerPhone: '15868457106',
      recordingUrl: 'https://jingrobot-dev.oss-cn-hangzhou.aliyuncs.com/RobotPhoneCommunicate/493.mp3',
      redialTimes: 0,
      results: [{ name: '催缴结果', value: '成功', desc: null }],
    })
  })

  it('sends no filter the caller left out', async () => {
    const { client, server } = await clientFor(() => ({ body: DONE_CALLS_EXAMPLE }))
    await client.listDoneCalls({ taskId: 62, pageNum: 1, pageSize: 50 })
    expect(JSON.parse(server.requests[0]?.body ?? '')).toEqual({ callJobId: 62, pageNum: 1, pageSize: 50 })
  })

  it.each([
    [87, 87],
    ['87', 87],
    ['1分5秒', 65],
    [null, null],
    [undefined, null],
  ])('reads a done call with duration %j as %j seconds', async (duration, seconds) => {
    const { client } = await clientFor(() => ({ body: withFirstRow(DONE_CALLS_EXAMPLE, { duration }) }))
    const page = await client.listDoneCalls({ taskId: 62, pageNum: 1, pageSize: 10 })
    expect(page.items[0]?.durationSec).toBe(seconds)
  })

  it('keeps a row with an unknown finishStatus, as its number, and string enums as numbers', async () => {
    const body = withFirstRow(DONE_CALLS_EXAMPLE, { finishStatus: '12', status: '2', chatRound: '4' })
    const { client } = await clientFor(() => ({ body }))
    const page = await client.listDoneCalls({ taskId: 62, pageNum: 1, pageSize: 10 })
    expect(page.items[0]).toMatchObject({ finishStatus: 12, status: 2, chatRound: 4 })
  })

  it('lists not-dialed customers with no total/pages in the answer (the example, values quoted)', async () => {
    const { client, server } = await clientFor(() => ({ body: NOT_DIALED_EXAMPLE_FIXED }))
    const page = await client.listNotDialed({ taskId: 21767, pageNum: 1, pageSize: 20 })
    expect(JSON.parse(server.requests[0]?.body ?? '')).toEqual({ taskId: 21767, pageNum: 1, pageSize: 20 })
    expect(page).toMatchObject({ pageNum: 1, pageSize: 50, total: null, pages: null })
    expect(page.items[1]).toEqual({
      callInstanceId: 494,
      taskId: 21767,
      customerName: '测试公司客户2',
      customerTelephone: '15900000xxxx',
      status: 1,
      startTime: '2018-01-01 15:34:20',
      callerPhone: '测试主叫',
      corpName: '测试公司',
      calledTimes: 2,
    })
  })

  it('reads a call detail: transcript with the 0/0 AI line placed, properties parsed, results with desc', async () => {
    const { client, server } = await clientFor(() => ({ body: CALL_DETAIL_EXAMPLE }))
    const call = await client.getCallDetail(540)
    expect(Object.fromEntries(server.requests[0]?.query ?? [])).toEqual({ callInstanceId: '540' })
    expect(call).toMatchObject({
      callInstanceId: 540,
      taskId: 31,
      durationSec: 87,
      chatRound: 18,
      redialTimes: 2,
      hangUp: 0,
      callType: 1,
      handlePerson: '房产电销优化版',
      properties: {},
      customerRecordingUrl: 'https://byrobot-test.oss-cn-hangzhou.aliyuncs.com/RobotPhoneCommunicate/540_user.wav',
    })
    expect(call.recordingUrl).toMatch(/JYSYDCCHVFYYTMGJKKHJAMHARNNBWEJQ\.wav$/)
    expect(call.results).toEqual([
      { name: '预约时间', value: '2018-01-25 08:00', desc: null },
      {
        name: '客户意向等级',
        value: 'A级(较强)',
        desc: '该客户在通话过程中主动询问了产品细节，有进一步了解产品的意愿。',
      },
    ])
    expect(call.transcript.map((l) => [l.index, l.speaker, l.startMs, l.endMs, l.inferred, l.aiUnknown])).toEqual([
      [0, 'ai', 0, 300, true, true],
      [1, 'customer', 300, 1145, false, false],
      [2, 'customer', 2330, 3565, false, false],
    ])
    expect(call.transcript[1]?.userMean).toBe('~')
  })

  it('reads aiUnknown true/false, a properties string and invalid properties without failing', async () => {
    const body = JSON.parse(CALL_DETAIL_EXAMPLE) as {
      data: { phoneLog: { phoneLogs: Record<string, unknown>[] }; sceneInstance: Record<string, unknown> }
    }
    body.data.phoneLog.phoneLogs[0]!.aiUnknown = true
    body.data.phoneLog.phoneLogs[1]!.aiUnknown = 'false'
    body.data.sceneInstance.properties = '{"orderId": "A-1"'
    body.data.sceneInstance.duration = '1分27秒'
    const { client } = await clientFor(() => ({ body }))
    const call = await client.getCallDetail(540)
    expect(call.transcript.map((l) => l.aiUnknown)).toEqual([true, false, false])
    expect(call.properties).toBeNull()
    expect(call.durationSec).toBe(87)
  })

  it('parses a properties string holding a JSON object', async () => {
    const body = JSON.parse(CALL_DETAIL_EXAMPLE) as { data: { sceneInstance: Record<string, unknown> } }
    body.data.sceneInstance.properties = '{"orderId":"A-1","amount":12}'
    const { client } = await clientFor(() => ({ body }))
    expect((await client.getCallDetail(540)).properties).toEqual({ orderId: 'A-1', amount: 12 })
  })

  it('answers testConnection with the task count from a one-row page', async () => {
    const { client, server } = await clientFor(() => ({
      body: envelope({ pageNum: 1, pageSize: 1, total: 46, list: [] }),
    }))
    expect(await client.testConnection()).toEqual({ ok: true, taskCount: 46 })
    expect(server.requests[0]?.query.get('pageSize')).toBe('1')
  })

  it('refuses a page size above the documented limit without calling the API', async () => {
    const { client, server } = await clientFor(() => ({ body: DONE_CALLS_EXAMPLE }))
    await expect(client.listDoneCalls({ taskId: 1, pageNum: 1, pageSize: 51 })).rejects.toMatchObject({
      code: 'invalid_input',
    })
    expect(server.requests).toHaveLength(0)
  })
})
