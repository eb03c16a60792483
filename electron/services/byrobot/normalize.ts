// Converts parsed BYRobot payloads into CallLens's domain types, once, at the edge:
// API names become ours (callJobId → taskId), scalars get one type, unknown stays null.
import type {
  CallDetail,
  CallerLine,
  CallResult,
  CallSummary,
  NameCount,
  NotDialedCustomer,
  ResultDef,
  Task,
  TaskDetail,
  TranscriptLine,
} from '../../shared/contract'
import type { RawCallDetail, RawDoneCall, RawNotDialed, RawTask, RawTaskDetail } from './schemas'
import { normalizeExtraStat, unrecognisedText } from './extra-stat'
import { inferTranscriptTiming } from './transcript-timing'
import { parseDurationSec, parseProperties, toBooleanOrNull, toNumberOrNull, toSpeaker, toStringOrNull } from './values'

const num = toNumberOrNull
const str = toStringOrNull

export interface Page<T> {
  pageNum: number
  pageSize: number
  /** null when the API leaves it out (notDialedCustomerList). */
  total: number | null
  pages: number | null
  items: T[]
}

export function normalizePage<R, T>(
  raw: { pageNum?: unknown; pageSize?: unknown; total?: unknown; pages?: unknown; list?: R[] | null },
  requested: { pageNum: number; pageSize: number },
  item: (row: R) => T,
): Page<T> {
  return {
    pageNum: num(raw.pageNum) ?? requested.pageNum,
    pageSize: num(raw.pageSize) ?? requested.pageSize,
    total: num(raw.total),
    pages: num(raw.pages),
    items: (raw.list ?? []).map(item),
  }
}

export function normalizeTask(raw: RawTask, companyId: number): Task {
  return {
    taskId: raw.callJobId,
    // getTasks rows carry no companyId: they are the company that was asked for.
    companyId: num(raw.companyId) ?? companyId,
    name: str(raw.jobName) ?? '',
    jobType: num(raw.jobType),
    status: num(raw.status),
    startDate: str(raw.startDate),
    workingStartTime: str(raw.workingStartTime),
    workingEndTime: str(raw.workingEndTime),
    breakStartTime: str(raw.breakStartTime),
    breakEndTime: str(raw.breakEndTime),
    remark: str(raw.remark),
    sceneDefId: num(raw.sceneDefId),
    sceneDefName: str(raw.sceneDefName),
    robotDefName: str(raw.robotDefName),
    sceneRecordName: str(raw.sceneRecordName),
    totalCount: num(raw.totalCount),
    doneCount: num(raw.doneCount),
    calledCount: num(raw.calledCount),
    rejectedCount: num(raw.rejectedCount),
    unavailableCount: num(raw.unavailableCount),
    fromUnavailableCount: num(raw.fromUnavailableCount),
  }
}

export function normalizeTaskDetail(raw: RawTaskDetail, companyId: number): TaskDetail {
  const resultDefs = (raw.resultDefs ?? []).flatMap((def): ResultDef[] => {
    const name = str(def.name)
    if (name === null) return []
    return [{ name, values: (def.values ?? []).map(str).filter((v): v is string => v !== null) }]
  })
  const extraStat = normalizeExtraStat(raw.extraStat, resultDefs)
  const unrecognisedStats = unrecognisedText(extraStat.unrecognised)
  return {
    ...normalizeTask(raw, companyId),
    durationStat: nameCounts(raw.durationStat),
    chatRoundStat: nameCounts(raw.chatRoundStat),
    resultDefs,
    extraStat: extraStat.groups,
    ...(unrecognisedStats === undefined ? {} : { unrecognisedStats }),
    callerLines: (raw.callPhones ?? []).flatMap((line): CallerLine[] => {
      const phone = str(line.phone)
      if (phone === null) return []
      return [
        { jobPhoneId: num(line.jobPhoneId), userPhoneId: num(line.userPhoneId), phone, phoneName: str(line.phoneName) },
      ]
    }),
  }
}

/** Stat values are documented as String ("22") and sent as ints: both become numbers. */
function nameCounts(raw: { name?: unknown; value?: unknown }[] | null | undefined): NameCount[] {
  return (raw ?? []).flatMap((row) => {
    const name = str(row.name)
    return name === null ? [] : [{ name, value: num(row.value) }]
  })
}

export function normalizeCallSummary(raw: RawDoneCall, taskId: number): CallSummary {
  return {
    callInstanceId: raw.callInstanceId,
    taskId: raw.callJobId ?? taskId,
    customerName: str(raw.customerName),
    customerTelephone: str(raw.customerTelephone),
    status: num(raw.status),
    finishStatus: num(raw.finishStatus),
    durationSec: parseDurationSec(raw.duration),
    chatRound: num(raw.chatRound),
    startTime: str(raw.startTime),
    endTime: str(raw.endTime),
    callerPhone: str(raw.callerPhone),
    recordingUrl: nonEmpty(str(raw.luyinOssUrl)),
    redialTimes: num(raw.secondaryCallTimes),
    results: (raw.resultList ?? []).flatMap((row) => result(row.name, row.value, null)),
  }
}

function result(name: unknown, value: unknown, desc: unknown): CallResult[] {
  const n = str(name)
  // A result without a name cannot be filtered or shown; an empty value still can.
  return n === null ? [] : [{ name: n, value: str(value) ?? '', desc: nonEmpty(str(desc)) }]
}

function nonEmpty(value: string | null): string | null {
  return value === null || value.trim() === '' ? null : value
}

export function normalizeNotDialed(raw: RawNotDialed, taskId: number): NotDialedCustomer {
  return {
    callInstanceId: raw.callInstanceId,
    taskId: raw.taskId ?? raw.callJobId ?? taskId,
    customerName: str(raw.customerName),
    customerTelephone: str(raw.customerTelephone),
    status: num(raw.status),
    startTime: str(raw.startTime),
    callerPhone: str(raw.callerPhone),
    corpName: str(raw.corpName),
    calledTimes: num(raw.calledTimes),
  }
}

export function normalizeCallDetail(raw: RawCallDetail, callInstanceId: number): CallDetail {
  const scene = raw.sceneInstance
  const summary = normalizeCallSummary(
    { ...scene, callInstanceId: scene.callInstanceId ?? callInstanceId, resultList: null },
    scene.callJobId,
  )
  const durationSec = summary.durationSec
  const lines = (raw.phoneLog?.phoneLogs ?? []).map((line, index) => ({
    index,
    speaker: toSpeaker(line.speaker),
    content: str(line.content) ?? '',
    startMs: num(line.startTime),
    endMs: num(line.endTime),
    userMean: str(line.userMean),
    aiUnknown: toBooleanOrNull(line.aiUnknown),
  }))
  const transcript: TranscriptLine[] = inferTranscriptTiming(lines, {
    durationMs: durationSec === null ? null : durationSec * 1000,
  })
  return {
    ...summary,
    recordingUrl: summary.recordingUrl ?? nonEmpty(str(raw.phoneLog?.luyinOssUrl)),
    results: (raw.taskResult ?? []).flatMap((row) => result(row.resultName, row.resultValue, row.resultDesc)),
    customerRecordingUrl: nonEmpty(str(scene.userLuyinOssUrl)),
    hangUp: num(scene.hangUp),
    callType: num(scene.callType),
    handlePerson: str(scene.handlePerson),
    properties: parseProperties(scene.properties),
    transcript,
  }
}
