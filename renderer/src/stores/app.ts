// Facts about the running app (About panel), fetched once; and the shell's first data.
import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { AppInfo } from '@shared/contract'
import { appApi } from '../api'
import { useSettingsStore } from './settings'
import { useSyncStore } from './sync'

export const useAppStore = defineStore('app', () => {
  const info = ref<AppInfo | null>(null)
  let shellLoad: Promise<void> | null = null

  async function load(): Promise<void> {
    info.value = await appApi.info()
  }

  /** Settings, these facts and the sync status, asked for once: main.ts starts it, App.vue awaits it. */
  function loadShell(): Promise<void> {
    shellLoad ??= Promise.all([useSettingsStore().load(), load(), useSyncStore().load()]).then(() => undefined)
    return shellLoad
  }

  return { info, load, loadShell }
})
