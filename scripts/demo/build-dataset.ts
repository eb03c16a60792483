// Turns the task specs into the dataset's records: tasks, call drafts (who, when, how it went)
// and not-dialed customers; and a draft plus its rendered recording into a SimCall.
import type { SimCall, SimNotDialed, SimPhoneLog, SimTask } from '../../electron/sim/dataset/schema'
import {
  INTENT_LEVELS,
  INTENT_RESULT_NAME,
  type CallResult,
  type Customer,
  type Dialogue,
  type DialoguePlan,
  type Outcome,
} from './dialogues'
import type { Placement } from './mixdown'
import { People } from './people'
import { Prng } from './prng'
import { DEMO_COMPANY, OTHER_COMPANY, type CallSpec, type TaskSpec } from './tasks'

const NO_REDIAL = '1970-01-01 08:00:00'
const COMPANY_NAMES = new Map([DEMO_COMPANY, OTHER_COMPANY].map((c) => [c.companyId, c.name]))

export interface CallDraft {
  spec: TaskSpec
  callSpec: CallSpec
  callInstanceId: number
  customerId: number
  customer: Customer
  phone: string
  callerPhone: string
  callType: number
  /** Seconds since the epoch of the dial, as if UTC (all times are naive CST). */
  startEpoch: number
  readStatus: number
  /** The platform gave the AI lines no timing (its real quirk). */
  aiTimingZero: boolean
  /** Seed of this call's own PRNG, so one call re-renders without touching the others. */
  seed: number
}

export interface DemoPlan {
  tasks: SimTask[]
  drafts: CallDraft[]
  notDialed: SimNotDialed[]
}

export function formatTime(epochSeconds: number): string {
  return new Date(epochSeconds * 1000).toISOString().slice(0, 19).replace('T', ' ')
}

const epochOf = (day: string, time: string): number => Date.parse(`${day}T${time}Z`) / 1000

/** Dial times spread over the task's days, inside working hours and outside the break. */
function dialTimes(spec: TaskSpec, count: number, rng: Prng): number[] {
  const perDay = Math.ceil(count / spec.days.length)
  const times: number[] = []
  for (const day of spec.days) {
    let at = epochOf(day, '09:00:00') + rng.int(60, 900)
    for (let i = 0; i < perDay && times.length < count; i++) {
      if (spec.breakTime) {
        const [breakStart, breakEnd] = spec.breakTime.map((time) => epochOf(day, time)) as [number, number]
        if (at >= breakStart - 600 && at < breakEnd) at = breakEnd + rng.int(60, 600)
      }
      times.push(at)
      at += rng.int(12 * 60, 50 * 60)
    }
  }
  return times
}

function toTask(spec: TaskSpec, rng: Prng): SimTask {
  return {
    companyId: spec.companyId,
    callJobId: spec.callJobId,
    jobName: spec.jobName,
    jobType: spec.jobType,
    startDate: spec.days[0] as string,
    createDate: spec.createDate,
    workingStartTime: '09:00:00',
    workingEndTime: '20:00:00',
    breakStartTime: spec.breakTime?.[0] ?? null,
    breakEndTime: spec.breakTime?.[1] ?? null,
    status: spec.status,
    deleted: false,
    sceneDefId: spec.sceneDefId,
    remark: spec.remark,
    robotDefName: spec.robotDefName,
    sceneDefName: spec.sceneDefName,
    sceneRecordName: spec.sceneRecordName,
    resultDefs: [
      { name: INTENT_RESULT_NAME, values: Object.values(INTENT_LEVELS) },
      ...spec.scene.customResults.map((def) => ({ name: def.name, values: [...def.values] })),
    ],
    callPhones: spec.callers.map((caller, index) => ({
      jobPhoneId: spec.callJobId * 10 + index + 1,
      userPhoneId: rng.int(100, 999),
      phone: caller.phone,
      phoneName: caller.phoneName,
    })),
  }
}

export function planDemo(specs: TaskSpec[], seed: number): DemoPlan {
  const rng = new Prng(seed)
  const people = new People(rng)
  const tasks = specs.map((spec) => toTask(spec, rng))
  const unsorted: Omit<CallDraft, 'callInstanceId' | 'customerId' | 'aiTimingZero'>[] = []
  for (const spec of specs) {
    const times = dialTimes(spec, spec.calls.length, rng)
    spec.calls.forEach((callSpec, index) => {
      const person = people.next()
      const caller = rng.pick(spec.callers)
      unsorted.push({
        spec,
        callSpec,
        customer: { name: person.name, title: person.title, facts: spec.scene.customerFacts(rng) },
        phone: person.phone,
        callerPhone: caller.phone,
        callType: caller.phone.startsWith('1') ? 0 : 1,
        startEpoch: times[index] as number,
        readStatus: spec.status === 2 || rng.chance(0.4) ? 1 : 0,
        seed: rng.int(1, 2 ** 31),
      })
    })
  }
  // The platform numbers calls in the order they were made.
  unsorted.sort((a, b) => a.startEpoch - b.startEpoch)
  const drafts: CallDraft[] = unsorted.map((draft, index) => ({
    ...draft,
    callInstanceId: 730001 + index,
    customerId: 880001 + index,
    aiTimingZero: false,
  }))
  // About 30% of the answered calls come without AI timing.
  const answered = drafts.filter((draft) => draft.callSpec.kind === 'answered')
  for (const draft of rng.shuffle(answered).slice(0, Math.round(answered.length * 0.3))) draft.aiTimingZero = true

  const notDialed: SimNotDialed[] = []
  let notDialedId = 790001
  for (const spec of specs) {
    for (let i = 0; i < spec.notDialed; i++) {
      const person = people.next()
      const scheduled = rng.chance(0.25)
      notDialed.push({
        callInstanceId: notDialedId++,
        taskId: spec.callJobId,
        customerName: person.name,
        customerTelephone: person.phone,
        status: scheduled ? 3 : 0,
        startTime: `${spec.createDate} ${scheduled ? '18:40:12' : '16:05:37'}`,
        callerPhone: (spec.callers[0] as { phone: string }).phone,
        corpName: COMPANY_NAMES.get(spec.companyId) ?? '',
        calledTimes: scheduled ? 1 : 0,
      })
    }
  }
  return { tasks, drafts, notDialed }
}

export function dialoguePlan(draft: CallDraft, rng: Prng, extraExchanges = 0): DialoguePlan {
  if (draft.callSpec.kind !== 'answered') throw new Error('only answered calls have a dialogue')
  return {
    outcome: draft.callSpec.outcome,
    early: draft.callSpec.early ?? null,
    exchangeCount: (draft.callSpec.exchanges ?? 0) + extraExchanges,
    customerFirst: rng.chance(0.25),
  }
}

const OUTCOME_SUMMARIES: Record<Outcome, string> = {
  strong: '客户积极回应并同意下一步安排，意向较强。',
  general: '客户愿意了解但没有做决定，表示需要再考虑。',
  unclear: '客户回答含糊或通话信号不好，无法判断意向。',
  low: '客户表示暂时没有需求，意向很少。',
  followUp: '客户当前不方便沟通，约定稍后再联系。',
  refuse: '客户明确拒绝，无需再次跟进。',
}

const PLAIN_MEANS = new Set(['~', '肯定', '没听清'])

function describe(outcome: Outcome, dialogue: Dialogue): string {
  const asked = [
    ...new Set(dialogue.turns.map((turn) => turn.userMean).filter((m): m is string => !!m && !PLAIN_MEANS.has(m))),
  ]
  const prefix = asked.length > 0 ? `通话中客户的主要表达：${asked.slice(0, 4).join('、')}。` : ''
  return prefix + OUTCOME_SUMMARIES[outcome]
}

export interface RenderedCall {
  dialogue: Dialogue
  placements: Placement[]
  durationMs: number
  recording: string
  userRecording: string | null
}

function phoneLogs(draft: CallDraft, rendered: RenderedCall): SimPhoneLog[] {
  return rendered.dialogue.turns.map((turn, index) => {
    const placement = rendered.placements[index] as Placement
    const untimed = draft.aiTimingZero && turn.speaker === 'AI'
    return {
      // Unique across the dataset and stable when one call changes.
      sceneInstanceLogId: draft.callInstanceId * 1000 + index + 1,
      speaker: turn.speaker,
      content: turn.text,
      userMean: turn.userMean,
      userMeanDetail: turn.userMeanDetail,
      aiUnknown: turn.aiUnknown ? 1 : 0,
      startTime: untimed ? 0 : placement.startMs,
      endTime: untimed ? 0 : placement.endMs,
    }
  })
}

/** A SimCall from its draft; `rendered` is null for an unanswered call. */
export function toSimCall(draft: CallDraft, rendered: RenderedCall | null, rng: Prng): SimCall {
  const { spec, callSpec } = draft
  const duration = rendered ? Math.round(rendered.durationMs / 1000) : 0
  let taskResult: CallResult[] = spec.scene.unansweredResults.map((result) => ({ ...result }))
  let followUp = false
  if (rendered && callSpec.kind === 'answered') {
    const { outcome } = callSpec
    followUp = outcome === 'followUp'
    const intent: CallResult = {
      resultName: INTENT_RESULT_NAME,
      resultValue: INTENT_LEVELS[outcome],
      resultDesc: rng.chance(0.55) ? describe(outcome, rendered.dialogue) : null,
    }
    taskResult = [intent, ...spec.scene.results(outcome, rendered.dialogue.topics, rendered.dialogue.turns)]
  }
  const redialAt = epochOf(formatTime(draft.startEpoch + 86_400).slice(0, 10), '10:30:00')
  return {
    callInstanceId: draft.callInstanceId,
    callJobId: spec.callJobId,
    companyId: spec.companyId,
    customerId: draft.customerId,
    customerTelephone: draft.phone,
    customerName: draft.customer.name,
    status: 2,
    finishStatus: callSpec.kind === 'answered' ? 0 : callSpec.finishStatus,
    duration,
    chatRound: rendered ? rendered.dialogue.turns.filter((turn) => turn.speaker === 'AI').length : 0,
    startTime: formatTime(draft.startEpoch),
    endTime: formatTime(draft.startEpoch + duration),
    callerPhone: draft.callerPhone,
    properties: JSON.stringify(draft.customer.facts),
    handlePerson: spec.scriptName,
    callType: draft.callType,
    readStatus: draft.readStatus,
    robotDefId: spec.robotDefId,
    sceneDefId: spec.sceneDefId,
    sceneRecordId: spec.sceneRecordId,
    hangUp: rendered ? rendered.dialogue.hangUp : null,
    secondaryCallTime: followUp ? formatTime(redialAt) : NO_REDIAL,
    secondaryCallTimes: callSpec.kind === 'unanswered' ? rng.int(1, 2) : 0,
    phoneLogs: rendered ? phoneLogs(draft, rendered) : [],
    taskResult,
    recording: rendered?.recording ?? null,
    userRecording: rendered?.userRecording ?? null,
  }
}
