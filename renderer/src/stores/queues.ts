// Review queues of the active profile: the saved list with each queue's progress, a plan's preview
// before it is created, and N / P inside a queue.
import { defineStore } from 'pinia'
import { ref, shallowRef } from 'vue'
import type { QueuePlan, QueuePreview, QueueSummary, TaskRow } from '@shared/contract'
import { callsApi, queuesApi, tasksApi } from '../api'

export const useQueuesStore = defineStore('queues', () => {
  const queues = shallowRef<QueueSummary[]>([])
  /** Every cached task (deleted ones too: their calls stay reviewable), whatever the task list filters. */
  const tasks = shallowRef<TaskRow[]>([])
  const loading = ref(false)
  /** Why the latest list request failed; null once one succeeds. */
  const error = shallowRef<unknown>(null)

  async function load(): Promise<void> {
    loading.value = true
    try {
      const [saved, cached] = await Promise.all([queuesApi.list(), tasksApi.list({ includeDeleted: true })])
      queues.value = saved
      tasks.value = cached
      error.value = null
    } catch (failure) {
      error.value = failure
    } finally {
      loading.value = false
    }
  }

  function preview(plan: QueuePlan): Promise<QueuePreview> {
    return queuesApi.preview(plan)
  }

  async function create(name: string, plan: QueuePlan): Promise<QueueSummary> {
    const queue = await queuesApi.create(name, plan)
    queues.value = [queue, ...queues.value]
    return queue
  }

  async function remove(queueId: number): Promise<void> {
    await queuesApi.remove(queueId)
    queues.value = queues.value.filter((queue) => queue.id !== queueId)
  }

  /** The result names the task's cached calls carry (a queue's strata can be cut by any of them). */
  async function resultNames(taskId: number): Promise<string[]> {
    const facets = await callsApi.facets({ taskId })
    return facets.results.map((result) => result.name)
  }

  return {
    queues,
    tasks,
    loading,
    error,
    load,
    preview,
    create,
    remove,
    resultNames,
    neighbour: queuesApi.neighbour,
  }
})
