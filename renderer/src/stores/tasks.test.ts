// The task list's requests: the latest filter's answer is the one shown; a cleared field is left
// out of the request, as the contract wants.
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { TaskFilter, TaskRow } from '@shared/contract'

const answers: { filter: TaskFilter; resolve: (rows: TaskRow[]) => void }[] = []
vi.mock('../api', () => ({
  tasksApi: {
    list: (filter: TaskFilter) => new Promise<TaskRow[]>((resolve) => answers.push({ filter, resolve })),
  },
  syncApi: { status: vi.fn(), onProgress: vi.fn(() => () => undefined) },
}))

const { useTasksStore } = await import('./tasks')
const row = (taskId: number) => ({ taskId, name: `task ${taskId}` }) as TaskRow

describe('tasks store', () => {
  beforeEach(() => {
    answers.length = 0
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
})
