// Generates a whole simulated account from a seed and sizes: two companies, two app keys,
// tasks across three scenes, N done calls per task (kept compact), not-dialed customers.
import type { SimNotDialed, SimTask } from './schema'
import { personFor } from './people'
import { createRng, type Rng } from './prng'
import { SCENES } from './scenes'
import { drawCallShape, SynthCall } from './synth-call'
import { formatCstDate, parseCst } from './time-format'
import type { CallFactory, SimCompany, SimCredential, SimWorld, TaskState } from '../store/types'

export interface GenerateOptions {
  /** Tasks that have run (each gets `calls` done calls); one never-run task is added besides. */
  tasks?: number
  calls?: number
  seed?: number
  /** Customers still to dial on the never-run task (default 30). */
  notDialed?: number
}

export const DEFAULT_GENERATE = { tasks: 6, calls: 200, seed: 1 } as const

export const GENERATED_COMPANIES: SimCompany[] = [
  { companyId: 1001, name: '杭州星河数字营销有限公司' },
  { companyId: 2002, name: '上海启航教育科技有限公司' },
]

/** Fixed, so docs and tests can name them: the first sees both companies, the second only 2002. */
export const GENERATED_CREDENTIALS: SimCredential[] = [
  { appKey: 'sim-app-all', appSecret: 'sim-secret-all-7d1f2a', companyIds: [1001, 2002] },
  { appKey: 'sim-app-one', appSecret: 'sim-secret-one-93bc40', companyIds: [2002] },
]

const FIRST_TASK_ID = 3001
const FIRST_CALL_ID = 10_001
const CALLS_PER_DAY = 800
const DAY_MS = 86_400_000
/** Calls start on this day plus a seed-dependent offset, so different seeds differ everywhere. */
const BASE_DAY = parseCst('2025-09-01 00:00:00')

function callPhones(rng: Rng, callJobId: number): SimTask['callPhones'] {
  return Array.from({ length: rng.int(1, 3) }, (_, i) => {
    const userPhoneId = rng.int(1, 40)
    return {
      jobPhoneId: callJobId * 10 + i,
      userPhoneId,
      phone: rng.chance(0.5) ? `0571${rng.int(80_000_000, 89_999_999)}` : `1${rng.int(3_000_000_000, 8_999_999_999)}`,
      phoneName: `线路${userPhoneId}`,
    }
  })
}

/** Status per task index: mostly completed, some running or paused (those still have customers to dial). */
function taskStatus(index: number): number {
  return [2, 1, 2, 4, 2, 7][index % 6] as number
}

function makeTask(rng: Rng, index: number, callJobId: number, startDay: number, neverRun: boolean): SimTask {
  const scene = SCENES[index % SCENES.length] as (typeof SCENES)[number]
  const company = GENERATED_COMPANIES[index % 3 === 2 ? 1 : 0] as SimCompany
  const scheduled = rng.chance(0.3)
  return {
    companyId: company.companyId,
    callJobId,
    jobName: `${rng.pick(scene.jobNames)}-${String(index + 1).padStart(2, '0')}`,
    jobType: scheduled ? 1 : 2,
    startDate: formatCstDate(startDay),
    createDate: formatCstDate(startDay - rng.int(0, 3) * DAY_MS),
    workingStartTime: '09:00:00',
    workingEndTime: rng.pick(['20:00:00', '21:00:00']),
    breakStartTime: rng.chance(0.5) ? '12:00:00' : null,
    breakEndTime: null,
    status: neverRun ? 0 : taskStatus(index),
    deleted: false,
    sceneDefId: scene.sceneDefId,
    remark: rng.pick(scene.remarks),
    robotDefName: scene.robotDefName,
    sceneDefName: rng.chance(0.9) ? scene.sceneDefName : null,
    sceneRecordName: scene.sceneRecordName,
    resultDefs: [
      {
        name: '客户意向等级',
        values: ['A级(较强)', 'B级(一般)', 'C级(无法判断)', 'D级(很少)', 'E级(需要再次跟进)', 'F级(无需再次跟进)'],
      },
      ...scene.extras.map((extra) => ({ name: extra.name, values: [...extra.values] })),
    ],
    callPhones: neverRun && rng.chance(0.5) ? [] : callPhones(rng, callJobId),
  }
}

function notDialedFor(seed: number, task: SimTask, firstId: number, count: number, company: string): SimNotDialed[] {
  return Array.from({ length: count }, (_, i) => {
    const id = firstId + i
    const rng = createRng(seed, id, 6)
    const person = personFor(seed, id)
    const calledTimes = rng.chance(0.2) ? rng.int(1, 2) : 0
    return {
      callInstanceId: id,
      taskId: task.callJobId,
      customerName: person.customerName,
      customerTelephone: person.customerTelephone,
      status: calledTimes > 0 ? 3 : rng.chance(0.1) ? 1 : 0,
      startTime: `${task.startDate} ${task.workingStartTime}`,
      callerPhone: task.callPhones[0]?.phone ?? '',
      corpName: company,
      calledTimes,
    }
  })
}

export function createCallFactory(seed: number): CallFactory {
  return (task, callInstanceId, endedAt, person) => {
    const shape = drawCallShape(createRng(seed, callInstanceId, 5))
    const who = person ? { ...personFor(seed, callInstanceId), ...person } : null
    return new SynthCall(seed, task, callInstanceId, shape.finishStatus, shape.duration, shape.chatRound, endedAt, who)
  }
}

export function generateWorld(options: GenerateOptions = {}): SimWorld {
  const taskCount = options.tasks ?? DEFAULT_GENERATE.tasks
  const callsPerTask = options.calls ?? DEFAULT_GENERATE.calls
  const seed = options.seed ?? DEFAULT_GENERATE.seed
  if (!Number.isInteger(taskCount) || taskCount < 1) throw new Error(`tasks must be a positive integer`)
  if (!Number.isInteger(callsPerTask) || callsPerTask < 0) throw new Error(`calls must be a non-negative integer`)
  const rng = createRng(seed, 0)
  const firstDay = BASE_DAY + rng.int(0, 60) * DAY_MS
  let nextId = FIRST_CALL_ID
  const tasks: TaskState[] = []

  for (let index = 0; index <= taskCount; index++) {
    const neverRun = index === taskCount
    const startDay = firstDay + index * 2 * DAY_MS
    const task = makeTask(rng, index, FIRST_TASK_ID + index, startDay, neverRun)
    // One task (the last that ran) is deleted: visible only with needAll=true.
    if (index === taskCount - 1 && taskCount > 1) task.deleted = true
    const calls: SynthCall[] = []
    if (!neverRun) {
      for (let i = 0; i < callsPerTask; i++) {
        const id = nextId++
        const shape = drawCallShape(createRng(seed, id, 5))
        const slot = (i % CALLS_PER_DAY) * Math.floor((11 * 3600_000) / CALLS_PER_DAY)
        const endedAt = startDay + Math.floor(i / CALLS_PER_DAY) * DAY_MS + 9 * 3600_000 + slot + (id % 40) * 1000
        calls.push(new SynthCall(seed, task, id, shape.finishStatus, shape.duration, shape.chatRound, endedAt))
      }
    }
    tasks.push({ task, calls, notDialed: [] })
  }
  // Customers still to dial: on running/paused tasks and on the never-run one.
  for (const state of tasks) {
    const { task } = state
    if (task.status === 2) continue
    const count = task.status === 0 ? (options.notDialed ?? 30) : Math.max(20, Math.round(callsPerTask * 0.05))
    const company = GENERATED_COMPANIES.find((c) => c.companyId === task.companyId)?.name ?? ''
    state.notDialed = notDialedFor(seed, task, nextId, count, company)
    nextId += count
  }
  return {
    credentials: GENERATED_CREDENTIALS.map((c) => ({ ...c, companyIds: [...c.companyIds] })),
    companies: GENERATED_COMPANIES.map((c) => ({ ...c })),
    tasks,
    nextCallId: nextId,
    makeCall: createCallFactory(seed),
  }
}
