// Tasks as cached, with the task-list filters; reloads when a sync job ends.
import { watchThrottled } from '@vueuse/core'
import { defineStore } from 'pinia'
import { ref, shallowRef, watch } from 'vue'
import type { NotDialedCustomer, TaskFilter, TaskRow, TaskView } from '@shared/contract'
import { tasksApi } from '../api'
import { useSyncStore } from './sync'

/** The filter as the contract takes it: Element Plus clears a field to null (date) or '' (text). */
function chosenFields(filter: TaskFilter): TaskFilter {
  return Object.fromEntries(
    Object.entries(filter).filter(([, value]) => value !== null && value !== undefined && value !== ''),
  ) as TaskFilter
}

export const useTasksStore = defineStore('tasks', () => {
  const filter = ref<TaskFilter>({})
  const tasks = shallowRef<TaskRow[]>([])
  const loading = ref(false)
  const current = shallowRef<TaskView | null>(null)
  const notDialed = shallowRef<NotDialedCustomer[]>([])
  const syncStore = useSyncStore()

  /** The latest request while it is in flight. */
  let pending: Promise<void> | null = null

  function load(): Promise<void> {
    loading.value = true
    const done = tasksApi
      .list(chosenFields(filter.value))
      .then((rows) => {
        // A newer filter's request may have answered first: only the latest one shows.
        if (pending === done) tasks.value = rows
      })
      .finally(() => {
        if (pending !== done) return
        pending = null
        loading.value = false
      })
    pending = done
    return done
  }

  async function open(taskId: number): Promise<void> {
    const [view, customers] = await Promise.all([tasksApi.get(taskId), tasksApi.notDialed(taskId)])
    current.value = view
    notDialed.value = customers
  }

  // Progress events arrive often; reload the list when a job ends, not on every tick.
  watch(
    () => syncStore.finishedJobs,
    () => {
      void load()
      if (current.value) void open(current.value.task.taskId)
    },
  )

  // While a sync runs, the cached counts climb: refresh at most once a second.
  watchThrottled(
    () => syncStore.progress?.callsDone,
    () => syncStore.running && void load(),
    { throttle: 1000 },
  )

  return { filter, tasks, loading, current, notDialed, load, open }
})
