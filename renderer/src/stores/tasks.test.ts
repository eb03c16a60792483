// The task list's requests: the latest filter's answer is the one shown; a cleared field is left
// out of the request, as the contract wants.
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { nextTick } from 'vue'
import type { Review, ReviewProgress, TaskFilter, TaskRow, TaskView } from '@shared/contract'

const recounts: ((progress: ReviewProgress) => void)[] = []
const answers: { filter: TaskFilter; resolve: (rows: TaskRow[]) => void; reject: (error: Error) => void }[] = []
const details: { taskId: number; resolve: (view: TaskView) => void; reject: (error: Error) => void }[] = []
vi.mock('../api', () => ({
  tasksApi: {
    list: (filter: TaskFilter) =>
      new Promise<TaskRow[]>((resolve, reject) => answers.push({ filter, resolve, reject })),
    get: (taskId: number) => new Promise<TaskView>((resolve, reject) => details.push({ taskId, resolve, reject })),
    notDialed: async () => [],
  },
  callsApi: { progress: () => new Promise<ReviewProgress>((resolve) => recounts.push(resolve)) },
  syncApi: { status: vi.fn(), onProgress: vi.fn(() => () => undefined) },
  profilesApi: {},
  demoApi: {},
}))

const { useTasksStore } = await import('./tasks')
const { useProfilesStore } = await import('./profiles')
const { useStoredReviewStore } = await import('./stored-review')
const row = (taskId: number) => ({ taskId, name: `task ${taskId}` }) as TaskRow
const stale: ReviewProgress = { reviewed: 0, total: 10 }
const fresh: ReviewProgress = { reviewed: 1, total: 10 }

describe('tasks store', () => {
  beforeEach(() => {
    answers.length = 0
    details.length = 0
    recounts.length = 0
    setActivePinia(createPinia())
  })

  it('shows only the latest request, whichever answers first', async () => {
    const store = useTasksStore()
    const older = store.load()
    store.filter.name = 'spring'
    const newer = store.load()
    expect(answers.map((answer) => answer.filter)).toEqual([{}, { name: 'spring' }])
    answers[1]!.resolve([row(2)])
    await newer
    answers[0]!.resolve([row(1)])
    await older
    expect(store.tasks.map((task) => task.taskId)).toEqual([2])
    expect(store.loading).toBe(false)
  })

  it('leaves cleared fields out of the request', async () => {
    const store = useTasksStore()
    store.filter = { name: '', createDate: null as unknown as string, status: 1 }
    void store.load()
    expect(answers[0]!.filter).toEqual({ status: 1 })
  })

  it('never shows an older request’s failure over a newer answer', async () => {
    const store = useTasksStore()
    const older = store.load()
    const newer = store.load()
    answers[1]!.resolve([row(2)])
    await newer
    answers[0]!.reject(new Error('no profile yet'))
    await older
    expect(store.error).toBeNull()
    expect(store.tasks.map((task) => task.taskId)).toEqual([2])
  })

  it('keeps the latest failure until a reload succeeds', async () => {
    const store = useTasksStore()
    const failing = store.load()
    answers[0]!.reject(new Error('cache closed'))
    await failing
    expect(store.error).toBeInstanceOf(Error)
    const retry = store.load()
    answers[1]!.resolve([row(1)])
    await retry
    expect(store.error).toBeNull()
  })

  it('forgets the previous profile’s tasks, and drops its answer still on the way, when the profile changes', async () => {
    const store = useTasksStore()
    const profiles = useProfilesStore()
    const first = store.load()
    answers[0]!.resolve([row(1)])
    await first
    const late = store.load()
    profiles.activeId = 'p-other'
    await nextTick()
    expect(store.tasks).toEqual([])
    answers[1]!.resolve([row(9)])
    await late
    expect(store.tasks).toEqual([])
  })

  it('opens the task asked for last: an earlier task’s late answer or failure never lands over it', async () => {
    const store = useTasksStore()
    const first = store.open(1)
    const second = store.open(2)
    details[1]!.resolve({ task: { taskId: 2 } } as TaskView)
    await second
    details[0]!.reject(new Error('task 1 is gone'))
    await expect(first).resolves.toBeUndefined()
    expect(store.current?.task.taskId).toBe(2)
  })

  it('a verdict set while the list is loading is counted: the older answer never lands over it', async () => {
    const store = useTasksStore()
    const first = store.load()
    answers[0]!.resolve([row(1)])
    await first
    const before = store.load()
    useStoredReviewStore().latest = {
      review: { callInstanceId: 7 } as Review,
      taskId: 1,
      verdictChanged: true,
    }
    await nextTick()
    expect(answers).toHaveLength(3)
    answers[1]!.resolve([{ ...row(1), progress: stale }])
    await before
    answers[2]!.resolve([{ ...row(1), progress: fresh }])
    await vi.waitFor(() => expect(store.tasks[0]?.progress).toEqual(fresh))
  })

  it('a verdict set while no list request is in flight recounts that task alone, the latest count landing', async () => {
    const store = useTasksStore()
    const first = store.load()
    answers[0]!.resolve([{ ...row(1), progress: stale }, row(2)])
    await first
    const verdict = () => ({ review: { callInstanceId: 7 } as Review, taskId: 1, verdictChanged: true })
    useStoredReviewStore().latest = verdict()
    await nextTick()
    useStoredReviewStore().latest = verdict()
    await nextTick()
    expect(recounts).toHaveLength(2)
    recounts[1]!(fresh)
    await vi.waitFor(() => expect(store.tasks[0]?.progress).toEqual(fresh))
    recounts[0]!({ reviewed: 0, total: 10 })
    await Promise.resolve()
    await nextTick()
    expect(store.tasks[0]?.progress).toEqual(fresh)
    expect(answers).toHaveLength(1)
    expect(store.tasks[1]).toEqual(row(2))
  })
})
