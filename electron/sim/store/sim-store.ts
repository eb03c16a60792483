// The simulator's state at run time: lookups by app key, company, task and call, and the one
// mutation the API world has — calls finishing (admin endpoint and the churn fault).
import type { SimNotDialed } from '../dataset/schema'
import type { CallEntry, SimCredential, SimWorld, TaskState } from './types'

export class SimStore {
  private readonly tasksById = new Map<number, TaskState>()
  private readonly callsById = new Map<number, CallEntry>()
  private nextCallId: number
  /** Bumped whenever calls finish, so derived stats know to recompute. */
  private revision = 0

  constructor(private readonly world: SimWorld) {
    for (const state of world.tasks) {
      this.tasksById.set(state.task.callJobId, state)
      for (const call of state.calls) this.callsById.set(call.callInstanceId, call)
    }
    this.nextCallId = world.nextCallId
  }

  get credentials(): readonly SimCredential[] {
    return this.world.credentials
  }

  get version(): number {
    return this.revision
  }

  credential(appKey: string): SimCredential | undefined {
    return this.world.credentials.find((c) => c.appKey === appKey)
  }

  companyName(companyId: number): string {
    return this.world.companies.find((c) => c.companyId === companyId)?.name ?? ''
  }

  tasksOfCompany(companyId: number): TaskState[] {
    return this.world.tasks.filter((state) => state.task.companyId === companyId)
  }

  allTasks(): readonly TaskState[] {
    return this.world.tasks
  }

  /** A task the app key may see; another company's task is reported as absent, not forbidden. */
  visibleTask(credential: SimCredential, taskId: number): TaskState | undefined {
    const state = this.tasksById.get(taskId)
    return state && credential.companyIds.includes(state.task.companyId) ? state : undefined
  }

  visibleCall(credential: SimCredential, callInstanceId: number): CallEntry | undefined {
    const call = this.callsById.get(callInstanceId)
    return call && credential.companyIds.includes(call.companyId) ? call : undefined
  }

  /** Recordings are object-storage style: anyone holding the URL may fetch them. */
  anyCall(callInstanceId: number): CallEntry | undefined {
    return this.callsById.get(callInstanceId)
  }

  /**
   * Makes `count` more calls of a task finish now: not-dialed customers first, then new ones.
   * They end after every call already there, so they land at the head of the newest-first list.
   */
  finishCalls(taskId: number, count: number, now: number): CallEntry[] {
    const state = this.tasksById.get(taskId)
    if (!state) throw new Error(`unknown task ${taskId}`)
    const finished: CallEntry[] = []
    let endedAt = Math.max(now, (state.calls[state.calls.length - 1]?.endedAt ?? 0) + 1000)
    for (let i = 0; i < count; i++) {
      const customer: SimNotDialed | undefined = state.notDialed.shift()
      const id = customer?.callInstanceId ?? this.nextCallId++
      const call = this.world.makeCall(state.task, id, endedAt, customer)
      state.calls.push(call)
      this.callsById.set(id, call)
      finished.push(call)
      endedAt += 1000
    }
    // A never-run task that got calls has now run.
    if (finished.length > 0 && state.task.status === 0) state.task.status = 1
    this.revision++
    return finished
  }
}
