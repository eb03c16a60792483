// POST /task/queryDoneTaskPhones and GET /task/phoneLogInfo: a task's done calls (newest first,
// filtered) and one call's transcript, results and recording URLs.
import { ApiError, CODE, ok } from '../envelope'
import type { CallEntry } from '../store/types'
import { recordingUrl, type ApiContext } from './context'
import { page } from './paging'
import { bodyObject, intParam, pagingParams } from './params'

interface ResultPair {
  name: string
  value: string
}

function resultQueryList(raw: unknown): ResultPair[] {
  if (raw === undefined || raw === null) return []
  const bad = new ApiError(CODE.badParam, '参数错误：resultQueryList 应为 [{name, value}] 列表')
  if (!Array.isArray(raw)) throw bad
  return raw.map((item: unknown) => {
    const pair = item as Partial<Record<string, unknown>> | null
    if (typeof pair?.['name'] !== 'string' || typeof pair['value'] !== 'string') throw bad
    return { name: pair['name'], value: pair['value'] }
  })
}

function doneCallRow(ctx: ApiContext, call: CallEntry, jobName: string): Record<string, unknown> {
  const inst = call.instance()
  return {
    callInstanceId: inst.callInstanceId,
    sceneDefId: inst.sceneDefId,
    callJobId: inst.callJobId,
    customerTelephone: inst.customerTelephone,
    customerName: inst.customerName,
    status: inst.status,
    finishStatus: inst.finishStatus,
    // The document's example sends the list duration as text, unlike phoneLogInfo.
    duration: `${inst.duration}秒`,
    chatRound: inst.chatRound,
    startTime: inst.startTime,
    endTime: inst.endTime,
    callerPhone: inst.callerPhone,
    luyinOssUrl: recordingUrl(ctx.origin, inst.callInstanceId, call.recordingExt('mix')),
    secondaryCallTime: inst.secondaryCallTime,
    secondaryCallTimes: inst.secondaryCallTimes,
    jobName,
    resultList: call.results().map((r) => ({ name: r.resultName, value: r.resultValue })),
    // Fields the document does not list, as real responses carry them.
    gmtCreate: inst.startTime,
    ...(inst.callInstanceId % 3 === 0 ? { decisionId: inst.callInstanceId * 7 + 13 } : {}),
  }
}

export function queryDoneTaskPhones(ctx: ApiContext): unknown {
  const body = bodyObject(ctx.body)
  const callJobId = intParam(body['callJobId'], 'callJobId', { required: true })
  const durationLeft = intParam(body['durationLeft'], 'durationLeft')
  const durationRight = intParam(body['durationRight'], 'durationRight')
  const chatRoundLeft = intParam(body['chatRoundLeft'], 'chatRoundLeft')
  const chatRoundRight = intParam(body['chatRoundRight'], 'chatRoundRight')
  const finishStatus = intParam(body['finishStatus'], 'finishStatus')
  const { pageNum, pageSize } = pagingParams(body, 50)
  const wanted = resultQueryList(body['resultQueryList'])
  const state = ctx.store.visibleTask(ctx.credential, callJobId)
  if (!state) throw new ApiError(CODE.notFound, `任务不存在：callJobId=${callJobId}`)
  // Churn: calls finish between two page requests of one sync, shifting offset paging.
  if (ctx.churn > 0 && pageNum > 1) ctx.store.finishCalls(callJobId, ctx.churn, ctx.now)

  const matches: CallEntry[] = []
  for (let i = state.calls.length - 1; i >= 0; i--) {
    const call = state.calls[i] as CallEntry
    if (durationLeft !== undefined && call.duration < durationLeft) continue
    if (durationRight !== undefined && call.duration > durationRight) continue
    if (chatRoundLeft !== undefined && call.chatRound < chatRoundLeft) continue
    if (chatRoundRight !== undefined && call.chatRound > chatRoundRight) continue
    if (finishStatus !== undefined && call.finishStatus !== finishStatus) continue
    if (wanted.length > 0) {
      const results = call.results()
      if (!wanted.every((w) => results.some((r) => r.resultName === w.name && r.resultValue === w.value))) continue
    }
    matches.push(call)
  }
  return ok(page(matches, pageNum, pageSize, (call) => doneCallRow(ctx, call, state.task.jobName)))
}

export function phoneLogInfo(ctx: ApiContext): unknown {
  const id = intParam(ctx.query.get('callInstanceId') ?? undefined, 'callInstanceId', { required: true })
  const call = ctx.store.visibleCall(ctx.credential, id)
  if (!call) throw new ApiError(CODE.notFound, `通话记录不存在：callInstanceId=${id}`)
  const inst = call.instance()
  const luyinOssUrl = recordingUrl(ctx.origin, id, call.recordingExt('mix'))
  const jobName = ctx.store.visibleTask(ctx.credential, call.callJobId)?.task.jobName ?? ''
  return ok(
    {
      phoneLog: {
        phoneLogs: call.transcript().phoneLogs.map((line) => ({
          sceneInstanceLogId: line.sceneInstanceLogId,
          sceneInstanceId: id,
          speaker: line.speaker,
          content: line.content,
          userMean: line.userMean,
          userMeanDetail: line.userMeanDetail,
          aiUnknown: line.aiUnknown,
          startTime: line.startTime,
          endTime: line.endTime,
        })),
        luyinOssUrl,
      },
      sceneInstance: {
        callInstanceId: id,
        companyId: inst.companyId,
        callJobId: inst.callJobId,
        customerId: inst.customerId,
        customerTelephone: inst.customerTelephone,
        customerName: inst.customerName,
        status: inst.status,
        finishStatus: inst.finishStatus,
        duration: inst.duration,
        chatRound: inst.chatRound,
        startTime: inst.startTime,
        endTime: inst.endTime,
        callerPhone: inst.callerPhone,
        luyinOssUrl,
        userLuyinOssUrl: recordingUrl(ctx.origin, id, call.recordingExt('user'), true),
        properties: inst.properties,
        handlePerson: inst.handlePerson,
        callType: inst.callType,
        readStatus: inst.readStatus,
        jobName,
        robotDefId: inst.robotDefId,
        sceneDefId: inst.sceneDefId,
        sceneRecordId: inst.sceneRecordId,
        trackResult: null,
        hangUp: inst.hangUp,
        secondaryCallTime: inst.secondaryCallTime,
        secondaryCallTimes: inst.secondaryCallTimes,
        gmtCreate: inst.startTime,
      },
      taskResult: call.results().map((r, i) => ({
        sceneInstanceResultId: id * 10 + i,
        companyId: inst.companyId,
        sceneInstanceId: id,
        resultName: r.resultName,
        resultValue: r.resultValue,
        resultDesc: r.resultDesc,
        analyzeType: r.resultName === '客户意向等级' ? 1 : 2,
      })),
    },
    '获取成功',
  )
}
