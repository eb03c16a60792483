// Builders for the domain objects the cache stores, and a cache in a fresh temp directory (tests only).
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { CallDetail, CallResult, CallSummary, Task, TranscriptLine } from '../shared/contract/domain'
import { CallCache, type CallCacheOptions } from '../services/cache/call-cache'
import type { RecordingInput } from '../services/cache/recordings'

/** Intent levels and transcript phrases for synthetic bulk data (the scale test and the benchmarks). */
export const SYNTHETIC_LEVELS = [
  'A级(较强)',
  'B级(一般)',
  'C级(无法判断)',
  'D级(很少)',
  'E级(需要再次跟进)',
  'F级(无需再次跟进)',
]
export const SYNTHETIC_PHRASES = [
  '您好这里是百应科技',
  '请问您最近有贷款需求吗',
  '价格太贵了',
  '我考虑一下再说',
  '不需要谢谢',
  '请问您贵姓',
  '我们的利率很低',
  '好的再见',
  '您现在方便吗',
  '可以加个微信吗',
  '我在开车',
  '稍后给您回电',
]

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'calllens-cache-'))
}

export interface TempCache {
  dir: string
  cache: CallCache
  /** Closes the cache and opens the same files again (an app restart). */
  reopen(): CallCache
}

export function openTempCache(options: CallCacheOptions = {}): TempCache {
  const dir = tempDir()
  const path = join(dir, 'profile-1', 'cache.db')
  const state: TempCache = {
    dir,
    cache: new CallCache(path, options),
    reopen() {
      state.cache.close()
      state.cache = new CallCache(path, options)
      return state.cache
    },
  }
  return state
}

export function makeTask(taskId: number, overrides: Partial<Task> = {}): Task {
  return {
    taskId,
    companyId: 7,
    name: `任务 ${taskId}`,
    jobType: 2,
    status: 2,
    startDate: '2026-03-01 09:00:00',
    workingStartTime: '09:00',
    workingEndTime: '18:00',
    breakStartTime: null,
    breakEndTime: null,
    remark: null,
    sceneDefId: 11,
    sceneDefName: '贷款回访',
    robotDefName: '小百',
    sceneRecordName: null,
    totalCount: 100,
    doneCount: 80,
    calledCount: 90,
    rejectedCount: 5,
    unavailableCount: 5,
    fromUnavailableCount: 0,
    ...overrides,
  }
}

export function intent(level: string): CallResult {
  return { name: '客户意向等级', value: level, desc: null }
}

export function makeSummary(callInstanceId: number, overrides: Partial<CallSummary> = {}): CallSummary {
  return {
    callInstanceId,
    taskId: 1,
    customerName: `客户${callInstanceId}`,
    customerTelephone: `138000${String(callInstanceId).padStart(5, '0')}`,
    status: 2,
    finishStatus: 0,
    durationSec: 60,
    chatRound: 5,
    startTime: '2026-03-02 10:00:00',
    endTime: '2026-03-02 10:01:00',
    callerPhone: '02100000000',
    recordingUrl: `https://oss.example/rec/${callInstanceId}.mp3`,
    redialTimes: 0,
    results: [intent('A级(较强)')],
    ...overrides,
  }
}

export function makeLines(contents: readonly string[]): TranscriptLine[] {
  return contents.map((content, index) => ({
    index,
    speaker: index % 2 === 0 ? 'ai' : 'customer',
    content,
    startMs: index * 3000,
    endMs: index * 3000 + 2500,
    inferred: false,
    userMean: null,
    aiUnknown: index % 2 === 0 ? null : false,
  }))
}

/** One timed line at startMs–endMs (content `speaker index`), for tests that measure timing. */
export function makeTimedLine(
  index: number,
  speaker: TranscriptLine['speaker'],
  startMs: number,
  endMs: number,
  extra: Partial<TranscriptLine> = {},
): TranscriptLine {
  return {
    index,
    speaker,
    content: `${speaker} ${index}`,
    startMs,
    endMs,
    inferred: false,
    userMean: null,
    aiUnknown: null,
    ...extra,
  }
}

export function makeDetail(
  summary: CallSummary,
  contents: readonly string[] = ['您好，这里是百应', '你好'],
  overrides: Partial<CallDetail> = {},
): CallDetail {
  return {
    ...summary,
    customerRecordingUrl: null,
    hangUp: 1,
    callType: 1,
    handlePerson: null,
    properties: { 来源: '官网' },
    transcript: makeLines(contents),
    ...overrides,
  }
}

export function makeRecording(callId: number, overrides: Partial<RecordingInput> = {}): RecordingInput {
  return {
    kind: 'full',
    path: `recordings/${callId}/full.mp3`,
    bytes: 48_000,
    sha256: 'a'.repeat(64),
    durationMs: 60_000,
    peaks: new Float32Array([0.5, -0.25, 1, -1]),
    sampleRate: 8000,
    ...overrides,
  }
}
