// The reviewer's settings as main holds them; every change goes through main and comes back as an event.
import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { Settings, SettingsPatch } from '@shared/contract'
import { DEFAULT_SETTINGS } from '@shared/contract/default-settings'
import { settingsApi } from '../api'

export const useSettingsStore = defineStore('settings', () => {
  const settings = ref<Settings>({ ...DEFAULT_SETTINGS })
  const loaded = ref(false)

  async function load(): Promise<void> {
    settings.value = await settingsApi.get()
    loaded.value = true
    settingsApi.onChanged((next) => {
      settings.value = next
    })
  }

  async function update(patch: SettingsPatch): Promise<void> {
    settings.value = await settingsApi.set(patch)
  }

  return { settings, loaded, load, update }
})
