import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSimulator, type RunningSimulator } from '../simulator'
import { simClient, type SimClient } from '../test-support/sim-http-client'
import { loadDatasetDir } from './load'
import type { SimCall, SimDataset } from './schema'

const MP3_BYTES = Buffer.concat([Buffer.from('ID3\x03\x00\x00\x00\x00\x00\x00', 'latin1'), Buffer.alloc(2000, 7)])

function call(id: number, overrides: Partial<SimCall> = {}): SimCall {
  return {
    callInstanceId: id,
    callJobId: 66,
    companyId: 1,
    customerId: 55,
    customerTelephone: '17751279857',
    customerName: '不弃',
    status: 2,
    finishStatus: 0,
    duration: 27,
    chatRound: 2,
    startTime: `2017-10-25 11:32:${String(id % 60).padStart(2, '0')}`,
    endTime: `2017-10-25 11:33:${String(id % 60).padStart(2, '0')}`,
    callerPhone: '15868457106',
    properties: '{"来源":"导入"}',
    handlePerson: '房产电销优化版',
    callType: 1,
    readStatus: 0,
    robotDefId: 6,
    sceneDefId: 11,
    sceneRecordId: 1,
    hangUp: 1,
    secondaryCallTime: '1970-01-01 11:18:13',
    secondaryCallTimes: 0,
    phoneLogs: [
      {
        sceneInstanceLogId: 1,
        speaker: 'AI',
        content: '您好',
        userMean: null,
        userMeanDetail: null,
        aiUnknown: 0,
        startTime: 0,
        endTime: 0,
      },
      {
        sceneInstanceLogId: 2,
        speaker: 'ME',
        content: '喂你好',
        userMean: '~',
        userMeanDetail: null,
        aiUnknown: 0,
        startTime: 300,
        endTime: 1145,
      },
    ],
    taskResult: [{ resultName: '客户意向等级', resultValue: 'A级(较强)', resultDesc: '主动询问了细节' }],
    recording: 'audio/493.mp3',
    userRecording: null,
    ...overrides,
  }
}

function dataset(overrides: Partial<SimDataset> = {}): SimDataset {
  const task = {
    companyId: 1,
    callJobId: 66,
    jobName: '测试任务',
    jobType: 2,
    startDate: '2017-10-25',
    createDate: '2017-10-24',
    workingStartTime: '09:00:00',
    workingEndTime: '21:00:00',
    breakStartTime: null,
    breakEndTime: null,
    status: 1,
    deleted: false,
    sceneDefId: 11,
    remark: '',
    robotDefName: '产品电销',
    sceneDefName: '房产电销',
    sceneRecordName: '房产电销优化版(张飞)',
    resultDefs: [{ name: '客户意向等级', values: ['A级(较强)', 'F级(无需再次跟进)'] }],
    callPhones: [{ jobPhoneId: 26, userPhoneId: 1, phone: '13333333333', phoneName: 'sim1' }],
  }
  return {
    version: 1,
    credentials: [
      { appKey: 'k1', appSecret: 's1', companyIds: [1, 2] },
      { appKey: 'k2', appSecret: 's2', companyIds: [2] },
    ],
    companies: [
      { companyId: 1, name: '测试公司' },
      { companyId: 2, name: '另一家公司' },
    ],
    tasks: [task, { ...task, companyId: 2, callJobId: 67, jobName: '另一任务' }],
    calls: [
      call(493),
      call(494, { recording: 'audio/494.wav', userRecording: 'audio/494_user.wav' }),
      call(495, { finishStatus: 1, duration: 0, chatRound: 0, phoneLogs: [], taskResult: [], recording: null }),
    ],
    notDialed: [
      {
        callInstanceId: 600,
        taskId: 66,
        customerName: '测试公司客户1',
        customerTelephone: '15900001111',
        status: 0,
        startTime: '2018-01-01 15:34:20',
        callerPhone: '13333333333',
        corpName: '测试公司',
        calledTimes: 0,
      },
    ],
    ...overrides,
  }
}

function writeDataset(data: unknown, files = true): string {
  const dir = mkdtempSync(join(tmpdir(), 'calllens-sim-dataset-'))
  if (files) {
    mkdirSync(join(dir, 'audio'))
    writeFileSync(join(dir, 'audio/493.mp3'), MP3_BYTES)
    writeFileSync(join(dir, 'audio/494.wav'), Buffer.alloc(500, 1))
    writeFileSync(join(dir, 'audio/494_user.wav'), Buffer.alloc(500, 2))
  }
  writeFileSync(join(dir, 'dataset.json'), typeof data === 'string' ? data : JSON.stringify(data))
  return dir
}

describe('dataset directory loader', () => {
  let sim: RunningSimulator
  let api: SimClient

  beforeAll(async () => {
    sim = await startSimulator({ dataset: writeDataset(dataset()) })
    api = simClient(sim)
  })
  afterAll(() => sim.close())

  it('serves the dataset through the API with its own credentials', async () => {
    expect(sim.credentials).toEqual({ appKey: 'k1', appSecret: 's1' })
    expect(sim.companyId).toBe(1)
    const tasks = (await api.get('/task/getTasks', { companyId: 1 })).json().data
    expect(tasks.list.map((t: { callJobId: number }) => t.callJobId)).toEqual([66])
    expect(tasks.list[0]).toMatchObject({ doneCount: 3, calledCount: 2, rejectedCount: 1, totalCount: 4 })
    const calls = (await api.post('/task/queryDoneTaskPhones', { callJobId: 66 })).json().data
    expect(calls.list.map((c: { callInstanceId: number }) => c.callInstanceId)).toEqual([495, 494, 493])
    expect(calls.list[2]).toMatchObject({ duration: '27秒', luyinOssUrl: `${sim.origin}/recordings/493.mp3` })
    const k2 = simClient(sim, { appKey: 'k2', appSecret: 's2' })
    expect((await k2.get('/task/getTasks', { companyId: 1 })).json().code).toBe(403)
  })

  it('passes transcripts through as written, 0/0 AI timing included', async () => {
    const data = (await api.get('/task/phoneLogInfo', { callInstanceId: 494 })).json().data
    expect(data.phoneLog.phoneLogs[0]).toMatchObject({ speaker: 'AI', startTime: 0, endTime: 0, sceneInstanceId: 494 })
    expect(data.sceneInstance).toMatchObject({ properties: '{"来源":"导入"}', duration: 27 })
    expect(data.sceneInstance.userLuyinOssUrl).toBe(`${sim.origin}/recordings/494_user.wav`)
    expect(data.taskResult[0]).toMatchObject({ resultValue: 'A级(较强)', resultDesc: '主动询问了细节' })
  })

  it('serves recording files with their type and byte ranges', async () => {
    const mp3 = await fetch(`${sim.origin}/recordings/493.mp3`, { headers: { range: 'bytes=0-2' } })
    expect(mp3.status).toBe(206)
    expect(mp3.headers.get('content-type')).toBe('audio/mpeg')
    expect(mp3.headers.get('content-range')).toBe(`bytes 0-2/${MP3_BYTES.length}`)
    expect(Buffer.from(await mp3.arrayBuffer()).toString('latin1')).toBe('ID3')
    const user = await fetch(`${sim.origin}/recordings/494_user.wav`)
    expect(user.headers.get('content-type')).toBe('audio/wav')
    expect(Buffer.from(await user.arrayBuffer()).equals(Buffer.alloc(500, 2))).toBe(true)
  })

  it('finishes a not-dialed customer as a new call at the head of the list', async () => {
    expect(sim.finishCalls(66, 1)).toEqual([600])
    const calls = (await api.post('/task/queryDoneTaskPhones', { callJobId: 66 })).json().data
    expect(calls.list[0]).toMatchObject({ callInstanceId: 600, customerName: '测试公司客户1' })
    const rest = (await api.post('/task/notDialedCustomerList', { taskId: 66 })).json().data
    expect(rest.total).toBe(0)
  })
})

describe('dataset directory errors', () => {
  it('names the problem: bad JSON, wrong shape, broken references, missing or escaping files', () => {
    expect(() => loadDatasetDir(writeDataset('{"version": 1,'))).toThrow(/not valid JSON/)
    expect(() => loadDatasetDir(writeDataset({ version: 2 }))).toThrow(/not a simulator dataset/)
    expect(() => loadDatasetDir(writeDataset(dataset(), false))).toThrow(/recording "audio\/493.mp3" not found/)
    const escaping = dataset({ calls: [call(493, { recording: '../outside.mp3' })] })
    expect(() => loadDatasetDir(writeDataset(escaping))).toThrow(/outside the dataset directory/)
    const orphan = dataset({ calls: [call(493, { callJobId: 99 })] })
    expect(() => loadDatasetDir(writeDataset(orphan))).toThrow(/unknown task/)
    const twice = dataset({ calls: [call(493), call(493)] })
    expect(() => loadDatasetDir(writeDataset(twice))).toThrow(/duplicate call 493/)
    expect(() => loadDatasetDir(mkdtempSync(join(tmpdir(), 'calllens-sim-empty-')))).toThrow(/No dataset.json/)
  })
})
