// Facts about the running app (About panel), fetched once.
import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { AppInfo } from '@shared/contract'
import { appApi } from '../api'

export const useAppStore = defineStore('app', () => {
  const info = ref<AppInfo | null>(null)

  async function load(): Promise<void> {
    info.value = await appApi.info()
  }

  return { info, load }
})
