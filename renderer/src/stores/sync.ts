// The running (or last) sync job of the active profile, fed by `sync.progress` events.
import { defineStore } from 'pinia'
import { computed, ref, watch } from 'vue'
import type { SyncProgress } from '@shared/contract'
import { syncApi } from '../api'
import { useProfilesStore } from './profiles'
import { useSyncEndsStore } from './sync-ends'

export const useSyncStore = defineStore('sync', () => {
  const progress = ref<SyncProgress | null>(null)
  const running = computed(() => progress.value !== null && progress.value.finishedAt === null)
  const ends = useSyncEndsStore()
  /** Bumped when a job ends, so views that read the cache know to reload. */
  const finishedJobs = computed(() => ends.count)
  const profiles = useProfilesStore()
  let listening = false

  /** A job of a profile that is no longer active (cancelled by the switch) is not this one's. */
  const ofAnother = (job: SyncProgress | null) =>
    job !== null && profiles.activeId !== null && job.profileId !== profiles.activeId

  function listen(): void {
    if (listening) return
    listening = true
    syncApi.onProgress((next) => {
      if (ofAnother(next)) return
      const endsJob = next.finishedAt !== null && !(progress.value?.jobId === next.jobId && progress.value.finishedAt)
      progress.value = next
      if (endsJob) ends.record()
    })
  }

  async function load(): Promise<void> {
    listen()
    const status = await syncApi.status()
    progress.value = ofAnother(status) ? null : status
  }

  watch(
    () => profiles.activeId,
    () => {
      if (ofAnother(progress.value)) progress.value = null
    },
  )

  async function start(taskId?: number): Promise<void> {
    listen()
    const first = await syncApi.start(taskId)
    // Events of this job may have overtaken the reply (a fast job can even be over already).
    if (progress.value?.jobId !== first.jobId) progress.value = first
  }

  /** Fetches one call now; resolves with the job's last progress (its failure or errors say how it went). */
  async function fetchCall(callInstanceId: number): Promise<SyncProgress> {
    listen()
    const first = await syncApi.fetchCall(callInstanceId)
    if (progress.value?.jobId !== first.jobId) progress.value = first
    return new Promise((resolve) => {
      const stop = watch(
        progress,
        (current) => {
          if (current?.jobId !== first.jobId || current.finishedAt === null) return
          queueMicrotask(() => stop())
          resolve(current)
        },
        { immediate: true },
      )
    })
  }

  async function cancel(): Promise<void> {
    await syncApi.cancel()
  }

  return { progress, running, finishedJobs, load, start, fetchCall, cancel }
})
