// What the demo account holds: companies, the key, tasks and the shape of each task's calls.
// The words come from the scenes; this file decides who was called, when, and how it went.
import type { EarlyEnd, Outcome, Scene } from './dialogues'
import { courseFollowUpScene } from './scenes/course-follow-up'
import { loanCollectionScene } from './scenes/loan-collection'
import { realEstateScene } from './scenes/real-estate'

export const DEMO_COMPANY = { companyId: 1001, name: '示例科技有限公司' }
/** A company the demo key is not granted: reading it must give 403. */
export const OTHER_COMPANY = { companyId: 1002, name: '启明职业教育有限公司' }

export const DEMO_CREDENTIAL = {
  appKey: 'calllens-demo',
  appSecret: 'calllens-demo-secret',
  companyIds: [DEMO_COMPANY.companyId],
}

export type CallSpec =
  | {
      kind: 'answered'
      outcome: Outcome
      early?: EarlyEnd
      exchanges?: number
      /** Keep adding topics until the recording is at least this long. */
      minSeconds?: number
      /** Also write the customer-only track. */
      userTrack?: boolean
    }
  | { kind: 'unanswered'; finishStatus: 1 | 2 | 8 }

export interface TaskSpec {
  companyId: number
  callJobId: number
  jobName: string
  jobType: number
  status: number
  createDate: string
  /** Days with calls; the first is the start date. */
  days: string[]
  breakTime: [string, string] | null
  sceneDefId: number
  robotDefId: number
  sceneRecordId: number
  remark: string
  robotDefName: string | null
  sceneDefName: string | null
  sceneRecordName: string | null
  /** The script's name, as the calls' handlePerson. */
  scriptName: string
  callers: { phone: string; phoneName: string }[]
  scene: Scene
  calls: CallSpec[]
  notDialed: number
}

const answered = (outcome: Outcome, more: Omit<Extract<CallSpec, { kind: 'answered' }>, 'kind' | 'outcome'> = {}) =>
  ({ kind: 'answered', outcome, ...more }) as const
const unanswered = (finishStatus: 1 | 2 | 8) => ({ kind: 'unanswered', finishStatus }) as const

export const TASKS: TaskSpec[] = [
  {
    companyId: DEMO_COMPANY.companyId,
    callJobId: 20231,
    jobName: '云栖雅苑三月开盘邀约',
    jobType: 2,
    status: 2,
    createDate: '2025-03-01',
    days: ['2025-03-03', '2025-03-04', '2025-03-05'],
    breakTime: ['12:00:00', '13:30:00'],
    sceneDefId: 11,
    robotDefId: 6,
    sceneRecordId: 31,
    remark: '官网和短视频留资客户，重点邀约周末看房',
    robotDefName: '房产电销',
    sceneDefName: '房产电销',
    sceneRecordName: '云栖雅苑开盘邀约(小美)',
    scriptName: '云栖雅苑开盘邀约',
    callers: [
      { phone: '057188216601', phoneName: '售楼处线路1' },
      { phone: '057188216602', phoneName: '售楼处线路2' },
    ],
    scene: realEstateScene(),
    calls: [
      answered('strong', { exchanges: 5, userTrack: true }),
      answered('refuse', { early: 'wrongPerson' }),
      answered('general', { exchanges: 3 }),
      unanswered(1),
      answered('followUp', { early: 'busy' }),
      answered('strong', { minSeconds: 305, exchanges: 12 }),
      answered('low', { exchanges: 1 }),
      answered('refuse', { early: 'refuseAfterPitch' }),
      unanswered(8),
      answered('general', { exchanges: 5 }),
      answered('unclear', { exchanges: 1 }),
      answered('strong', { exchanges: 7 }),
      unanswered(2),
      answered('followUp', { exchanges: 2 }),
      answered('refuse', { exchanges: 1 }),
      answered('general', { exchanges: 4 }),
    ],
    notDialed: 3,
  },
  {
    companyId: DEMO_COMPANY.companyId,
    callJobId: 20232,
    jobName: '消费贷逾期提醒（M1）',
    jobType: 1,
    status: 1,
    createDate: '2025-03-08',
    days: ['2025-03-10', '2025-03-11', '2025-03-12'],
    breakTime: null,
    sceneDefId: 12,
    robotDefId: 7,
    sceneRecordId: 32,
    remark: '逾期1-30天客户，语气温和，不得威胁',
    robotDefName: '贷后提醒',
    sceneDefName: '金融催缴',
    sceneRecordName: '逾期提醒标准版(小美)',
    scriptName: '逾期提醒标准版',
    callers: [{ phone: '13357126480', phoneName: '贷后专线' }],
    scene: loanCollectionScene(),
    calls: [
      answered('strong', { exchanges: 2, userTrack: true }),
      answered('general', { exchanges: 3 }),
      unanswered(8),
      answered('refuse', { exchanges: 0 }),
      answered('low', { exchanges: 4 }),
      answered('strong', { exchanges: 1 }),
      answered('followUp', { early: 'busy' }),
      answered('unclear', { exchanges: 2 }),
      answered('strong', { exchanges: 5 }),
      unanswered(1),
      answered('refuse', { early: 'wrongPerson' }),
      answered('general', { exchanges: 5 }),
      answered('low', { exchanges: 2 }),
      answered('refuse', { exchanges: 3 }),
    ],
    notDialed: 8,
  },
  {
    companyId: DEMO_COMPANY.companyId,
    callJobId: 20233,
    jobName: '体验课学员回访',
    jobType: 2,
    status: 4,
    createDate: '2025-03-05',
    days: ['2025-03-06', '2025-03-07'],
    breakTime: ['12:00:00', '13:00:00'],
    sceneDefId: 13,
    robotDefId: 8,
    sceneRecordId: 33,
    remark: '上周体验课学员，了解满意度和续报意向',
    robotDefName: '课程回访',
    sceneDefName: '课程回访',
    sceneRecordName: '体验课回访(小美)',
    scriptName: '体验课回访',
    callers: [{ phone: '02066892210', phoneName: '客服热线' }],
    scene: courseFollowUpScene('知行在线课堂'),
    calls: [
      answered('strong', { exchanges: 4 }),
      answered('general', { exchanges: 3, userTrack: true }),
      unanswered(8),
      answered('unclear', { early: 'silent' }),
      answered('low', { exchanges: 2 }),
      answered('refuse', { exchanges: 1 }),
      answered('strong', { exchanges: 5 }),
      unanswered(2),
      answered('followUp', { exchanges: 1, userTrack: true }),
      answered('general', { exchanges: 2 }),
    ],
    notDialed: 6,
  },
  {
    companyId: OTHER_COMPANY.companyId,
    callJobId: 30517,
    jobName: '春季班老学员回访',
    jobType: 2,
    status: 2,
    createDate: '2025-03-02',
    days: ['2025-03-04'],
    breakTime: null,
    sceneDefId: 21,
    robotDefId: 9,
    sceneRecordId: 41,
    remark: '',
    robotDefName: '课程回访',
    sceneDefName: '课程回访',
    sceneRecordName: null,
    scriptName: '老学员回访',
    callers: [{ phone: '02787654321', phoneName: '总机' }],
    scene: courseFollowUpScene('启明教育'),
    calls: [answered('general', { exchanges: 1 }), unanswered(1), answered('refuse', { early: 'refuseAfterPitch' })],
    notDialed: 2,
  },
]
