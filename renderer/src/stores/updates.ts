// The installed app's update status (About panel): asked for once, then kept current by main's events.
import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { UpdateStatus } from '@shared/contract'
import { updatesApi } from '../api'

export const useUpdatesStore = defineStore('updates', () => {
  const status = ref<UpdateStatus | null>(null)
  let listening = false

  async function load(): Promise<void> {
    if (!listening) {
      listening = true
      updatesApi.onStatus((next) => {
        status.value = next
      })
    }
    status.value = await updatesApi.status()
  }

  async function check(): Promise<void> {
    status.value = await updatesApi.check()
  }

  return { status, load, check }
})
