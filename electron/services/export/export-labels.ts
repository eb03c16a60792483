// The column headers of the CSV and XLSX exports in each UI language: one table, so a column
// added in one language and not the other fails its unit test. JSON keeps the stable keys.
import type { Language } from '../../shared/contract'

export const EXPORT_LABELS = {
  'zh-CN': {
    callInstanceId: '通话ID',
    callJobId: '任务ID',
    taskName: '任务名称',
    jobName: '任务名称',
    customerName: '客户姓名',
    customerTelephone: '客户电话',
    finishStatus: '通话状态',
    durationSec: '通话时长(秒)',
    chatRound: '对话轮次',
    startTime: '开始时间',
    endTime: '结束时间',
    results: '标签结果',
    recordingCached: '录音已缓存',
    recordingBytes: '录音字节数',
    verdict: '审听结论',
    score: '评分',
    reviewTags: '审听标签',
    reviewText: '审听备注',
    comments: '审听评论',
    tagChecks: '标签核对',
    transcript: '通话文本',
    status: '状态',
    callerPhone: '主叫号码',
    corpName: '公司名称',
    calledTimes: '已拨打次数',
    totalCount: '总数',
    doneCount: '已完成数',
    cachedCalls: '已缓存通话',
    reviewedCalls: '已审听通话',
    queuePosition: '队列序号',
    stratum: '分层',
  },
  en: {
    callInstanceId: 'Call ID',
    callJobId: 'Task ID',
    taskName: 'Task',
    jobName: 'Task',
    customerName: 'Customer',
    customerTelephone: 'Customer phone',
    finishStatus: 'Call status',
    durationSec: 'Duration (s)',
    chatRound: 'Rounds',
    startTime: 'Start time',
    endTime: 'End time',
    results: 'Tag results',
    recordingCached: 'Recording cached',
    recordingBytes: 'Recording bytes',
    verdict: 'Verdict',
    score: 'Score',
    reviewTags: 'Review tags',
    reviewText: 'Review note',
    comments: 'Comments',
    tagChecks: 'Tag checks',
    transcript: 'Transcript',
    status: 'Status',
    callerPhone: 'Caller number',
    corpName: 'Company',
    calledTimes: 'Times dialed',
    totalCount: 'Total',
    doneCount: 'Done',
    cachedCalls: 'Cached calls',
    reviewedCalls: 'Reviewed calls',
    queuePosition: 'Queue position',
    stratum: 'Stratum',
  },
} as const satisfies Record<Language, Record<string, string>>

export type ColumnKey = keyof (typeof EXPORT_LABELS)['zh-CN'] & keyof (typeof EXPORT_LABELS)['en']

/** A continuation column of a cell split over Excel's limit: "通话文本 (2)", "Transcript (2)". */
export function columnLabel(language: Language, key: ColumnKey, part = 1): string {
  const label = EXPORT_LABELS[language][key]
  return part === 1 ? label : `${label} (${part})`
}
