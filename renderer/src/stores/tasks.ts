// Tasks as cached, with the task-list filters; reloads when a sync job ends, and forgets the
// previous profile's tasks when the active profile changes.
import { watchThrottled } from '@vueuse/core'
import { defineStore } from 'pinia'
import { ref, shallowRef, watch } from 'vue'
import type { NotDialedCustomer, TaskFilter, TaskRow, TaskView } from '@shared/contract'
import { callsApi, tasksApi } from '../api'
import { bucketBars, cachedValueCounts, type CachedValueCounts } from '../composables/stat-links'
import { useProfilesStore } from './profiles'
import { useSyncStore } from './sync'
import { useStoredReviewStore } from './stored-review'

/** What the cache holds for the open task's bars, to show beside the server's counts. */
export interface CachedStatCounts {
  taskId: number
  values: CachedValueCounts
  duration: Map<string, number>
  chatRound: Map<string, number>
}

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
  const cachedCounts = shallowRef<CachedStatCounts | null>(null)
  /** Why the latest list request failed (null once one succeeds): an older request's never shows. */
  const error = shallowRef<unknown>(null)
  const syncStore = useSyncStore()

  /** The latest request while it is in flight. */
  let pending: Promise<void> | null = null

  /** Never rejects: the latest request's failure is in `error`. */
  function load(): Promise<void> {
    loading.value = true
    const done: Promise<void> = tasksApi
      .list(chosenFields(filter.value))
      .then(
        (rows) => {
          // A newer filter's request may have answered first: only the latest one shows.
          if (pending !== done) return
          tasks.value = rows
          error.value = null
        },
        (failure: unknown) => {
          if (pending === done) error.value = failure
        },
      )
      .finally(() => {
        if (pending !== done) return
        pending = null
        loading.value = false
      })
    pending = done
    return done
  }

  /** Another profile's data must not show for a moment under this one's name. */
  function forget(): void {
    pending = null
    opening++
    loading.value = false
    tasks.value = []
    current.value = null
    notDialed.value = []
    cachedCounts.value = null
    error.value = null
  }
  watch(() => useProfilesStore().activeId, forget)

  /** Bumped by every open (and a profile change): only the latest open's answer or failure lands. */
  let opening = 0

  async function open(taskId: number): Promise<void> {
    const mine = ++opening
    try {
      const [view, customers] = await Promise.all([tasksApi.get(taskId), tasksApi.notDialed(taskId)])
      if (mine !== opening) return
      current.value = view
      notDialed.value = customers
      if (cachedCounts.value?.taskId !== taskId) cachedCounts.value = null
      // The server's counts show at once; the cache's follow (missing ones just stay unshown).
      void countCached(view).catch(() => undefined)
    } catch (failure) {
      if (mine === opening) throw failure
    }
  }

  /** The cache's count for every bar of the task: its facets for results, one count per bucket. */
  async function countCached(view: TaskView): Promise<void> {
    const { detail, task } = view
    if (!detail) return
    const bucketTotals = (bars: ReturnType<typeof bucketBars>) =>
      Promise.all(
        bars.flatMap((bar) =>
          bar.filter
            ? [callsApi.query(bar.filter, {}, 0, 1).then(({ total }): [string, number] => [bar.label, total])]
            : [],
        ),
      )
    const [facets, duration, chatRound] = await Promise.all([
      callsApi.facets({ taskId: task.taskId }),
      bucketTotals(bucketBars(task.taskId, detail.durationStat, 'duration')),
      bucketTotals(bucketBars(task.taskId, detail.chatRoundStat, 'chatRound')),
    ])
    // Another task may have been opened meanwhile.
    if (current.value?.task.taskId !== task.taskId) return
    cachedCounts.value = {
      taskId: task.taskId,
      values: cachedValueCounts(facets),
      duration: new Map(duration),
      chatRound: new Map(chatRound),
    }
  }

  /** Per task, the latest progress recount asked for: only its answer lands. */
  const latestRecount = new Map<number, number>()
  // A verdict set or changed: that task's review progress is counted again, not the whole list.
  watch(
    () => useStoredReviewStore().latest,
    (stored) => {
      if (!stored?.verdictChanged || !tasks.value.length) return
      const { taskId } = stored
      if (taskId === null || !tasks.value.some((task) => task.taskId === taskId)) return void load()
      // A list request in flight may have counted before this verdict, and would land over the
      // recount: ask for the list again instead (only the latest request shows).
      if (pending) return void load()
      const mine = (latestRecount.get(taskId) ?? 0) + 1
      latestRecount.set(taskId, mine)
      void callsApi.progress({ taskId }).then(
        (progress) => {
          // Two verdicts in a row: the first one's count may answer last.
          if (latestRecount.get(taskId) !== mine) return
          tasks.value = tasks.value.map((task) => (task.taskId === taskId ? { ...task, progress } : task))
        },
        () => undefined,
      )
    },
  )

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

  return { filter, tasks, loading, current, notDialed, cachedCounts, error, load, open }
})
