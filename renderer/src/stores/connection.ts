// Online / offline: whether the active profile's API answers. Checked on start, every
// 30 s, when the window regains focus or the network comes back, and after each sync.
import { useDocumentVisibility, useEventListener, useIntervalFn } from '@vueuse/core'
import { defineStore } from 'pinia'
import { ref, watch } from 'vue'
import type { ConnectionStatus } from '@shared/contract'
import { profilesApi } from '../api'
import { useProfilesStore } from './profiles'
import { useSyncStore } from './sync'

const CHECK_EVERY_MS = 30_000

export const useConnectionStore = defineStore('connection', () => {
  const status = ref<ConnectionStatus | null>(null)
  let checking = false

  async function check(): Promise<void> {
    if (checking) return
    checking = true
    try {
      status.value = await profilesApi.connection()
    } catch {
      status.value = { state: 'offline', checkedAt: new Date().toISOString(), code: null }
    } finally {
      checking = false
    }
  }

  function start(): void {
    void check()
    useIntervalFn(() => void check(), CHECK_EVERY_MS)
    useEventListener(window, 'online', () => void check())
    useEventListener(window, 'offline', () => void check())
    const visibility = useDocumentVisibility()
    watch(visibility, (state) => state === 'visible' && void check())
    watch(
      () => useSyncStore().finishedJobs,
      () => void check(),
    )
    watch(
      () => useProfilesStore().activeId,
      () => void check(),
    )
  }

  return { status, check, start }
})
