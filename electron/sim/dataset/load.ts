// Loads a dataset directory (dataset.json + recording files named relative to it, see schema.ts)
// into the simulator's model, checking what zod cannot: references, unique ids, files present.
import { existsSync, readFileSync, statSync } from 'node:fs'
import { extname, isAbsolute, relative, resolve } from 'node:path'
import { simDatasetSchema, type SimCall, type SimDataset } from './schema'
import { createCallFactory } from './generate'
import { parseCst } from './time-format'
import type {
  CallEntry,
  CallInstance,
  CallTranscript,
  RecordingSource,
  RecordingTrack,
  SimResult,
  SimWorld,
  TaskState,
} from '../store/types'

export const DATASET_FILE = 'dataset.json'
/** Calls finished at run time in a loaded dataset are generated from this seed. */
const LOADED_FINISH_SEED = 20_240_601

class LoadedCall implements CallEntry {
  readonly endedAt: number

  constructor(
    private readonly call: SimCall,
    private readonly files: { mix: string | null; user: string | null },
  ) {
    this.endedAt = parseCst(call.endTime)
  }

  get callInstanceId(): number {
    return this.call.callInstanceId
  }
  get callJobId(): number {
    return this.call.callJobId
  }
  get companyId(): number {
    return this.call.companyId
  }
  get finishStatus(): number {
    return this.call.finishStatus
  }
  get duration(): number {
    return this.call.duration
  }
  get chatRound(): number {
    return this.call.chatRound
  }

  instance(): CallInstance {
    // eslint-disable-next-line @typescript-eslint/no-unused-vars
    const { phoneLogs, taskResult, recording, userRecording, ...instance } = this.call
    return instance
  }

  results(): readonly SimResult[] {
    return this.call.taskResult
  }

  transcript(): CallTranscript {
    return { phoneLogs: this.call.phoneLogs, speech: null }
  }

  recordingExt(track: RecordingTrack): 'mp3' | 'wav' | null {
    const path = this.files[track]
    return path === null ? null : recordingExtension(path)
  }

  recording(track: RecordingTrack): RecordingSource | null {
    const path = this.files[track]
    return path === null ? null : { kind: 'file', path, ext: recordingExtension(path) }
  }
}

function recordingExtension(path: string): 'mp3' | 'wav' {
  return extname(path).toLowerCase() === '.mp3' ? 'mp3' : 'wav'
}

/** Resolves a recording path inside the dataset directory; anything escaping it is an error. */
function recordingPath(dir: string, rel: string | null, where: string): string | null {
  if (rel === null) return null
  const full = resolve(dir, rel)
  const inside = relative(dir, full)
  if (isAbsolute(rel) || inside.startsWith('..') || isAbsolute(inside)) {
    throw new Error(`${where}: recording "${rel}" is outside the dataset directory`)
  }
  if (!['.mp3', '.wav'].includes(extname(full).toLowerCase())) {
    throw new Error(`${where}: recording "${rel}" must be .mp3 or .wav`)
  }
  if (!existsSync(full) || !statSync(full).isFile()) throw new Error(`${where}: recording "${rel}" not found`)
  return full
}

export function parseDataset(text: string, source: string): SimDataset {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (error) {
    throw new Error(`${source}: not valid JSON (${(error as Error).message})`)
  }
  const parsed = simDatasetSchema.safeParse(json)
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.')}: ${i.message}`)
    throw new Error(`${source}: not a simulator dataset (${issues.join('; ')})`)
  }
  return parsed.data
}

function checkReferences(data: SimDataset, source: string): void {
  const companies = new Set(data.companies.map((c) => c.companyId))
  for (const cred of data.credentials) {
    for (const id of cred.companyIds) {
      if (!companies.has(id)) throw new Error(`${source}: app key ${cred.appKey} grants unknown company ${id}`)
    }
  }
  const taskCompany = new Map<number, number>()
  for (const task of data.tasks) {
    if (taskCompany.has(task.callJobId)) throw new Error(`${source}: duplicate task ${task.callJobId}`)
    if (!companies.has(task.companyId)) throw new Error(`${source}: task ${task.callJobId} has unknown company`)
    taskCompany.set(task.callJobId, task.companyId)
  }
  const ids = new Set<number>()
  for (const call of data.calls) {
    if (ids.has(call.callInstanceId)) throw new Error(`${source}: duplicate call ${call.callInstanceId}`)
    ids.add(call.callInstanceId)
    const company = taskCompany.get(call.callJobId)
    if (company === undefined) throw new Error(`${source}: call ${call.callInstanceId} has unknown task`)
    if (company !== call.companyId) throw new Error(`${source}: call ${call.callInstanceId} is in another company`)
  }
  for (const row of data.notDialed) {
    if (ids.has(row.callInstanceId)) throw new Error(`${source}: duplicate call ${row.callInstanceId}`)
    ids.add(row.callInstanceId)
    if (!taskCompany.has(row.taskId)) throw new Error(`${source}: not-dialed ${row.callInstanceId} has unknown task`)
  }
}

/** Builds the model from a parsed dataset; recording paths resolve against `dir`. */
export function worldFromDataset(data: SimDataset, dir: string, source = DATASET_FILE): SimWorld {
  checkReferences(data, source)
  const tasks = new Map<number, TaskState>(
    data.tasks.map((task) => [task.callJobId, { task, calls: [], notDialed: [] }]),
  )
  for (const call of data.calls) {
    const where = `${source}: call ${call.callInstanceId}`
    const files = {
      mix: recordingPath(dir, call.recording, where),
      user: recordingPath(dir, call.userRecording, where),
    }
    tasks.get(call.callJobId)?.calls.push(new LoadedCall(call, files))
  }
  for (const row of data.notDialed) tasks.get(row.taskId)?.notDialed.push(row)
  for (const state of tasks.values()) {
    state.calls.sort((a, b) => a.endedAt - b.endedAt || a.callInstanceId - b.callInstanceId)
  }
  // A loop, not Math.max(...ids): spreading a large dataset would overflow the call stack.
  let maxId = 0
  for (const row of [...data.calls, ...data.notDialed]) maxId = Math.max(maxId, row.callInstanceId)
  return {
    credentials: data.credentials,
    companies: data.companies,
    tasks: [...tasks.values()],
    nextCallId: maxId + 1,
    makeCall: createCallFactory(LOADED_FINISH_SEED),
  }
}

export function loadDatasetDir(dir: string): SimWorld {
  const root = resolve(dir)
  const file = resolve(root, DATASET_FILE)
  if (!existsSync(file)) throw new Error(`No ${DATASET_FILE} in ${root}`)
  return worldFromDataset(parseDataset(readFileSync(file, 'utf8'), file), root, file)
}
