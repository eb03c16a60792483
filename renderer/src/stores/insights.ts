// The insights page's data: the overview of one task or every task (it can take seconds on a big
// cache: only the latest request's answer is kept), and the tasks to pick from.
import { defineStore } from 'pinia'
import { ref, shallowRef } from 'vue'
import type { InsightOverview, TaskRow } from '@shared/contract'
import { insightsApi, tasksApi } from '../api'

export const useInsightsStore = defineStore('insights', () => {
  const overview = shallowRef<InsightOverview | null>(null)
  /** Every cached task (deleted ones too: their calls still count). */
  const tasks = shallowRef<TaskRow[]>([])
  const loading = ref(false)
  const error = shallowRef<unknown>(null)
  let latest = 0

  async function load(taskId: number | null): Promise<void> {
    const ticket = ++latest
    loading.value = true
    try {
      const [answer, cached] = await Promise.all([
        insightsApi.report(taskId ?? undefined),
        tasksApi.list({ includeDeleted: true }),
      ])
      if (ticket !== latest) return
      overview.value = answer
      tasks.value = cached
      error.value = null
    } catch (failure) {
      if (ticket === latest) error.value = failure
    } finally {
      if (ticket === latest) loading.value = false
    }
  }

  return { overview, tasks, loading, error, load }
})
