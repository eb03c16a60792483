// How many sync jobs have ended since start-up: the signal that stores holding cached data reload
// on. A store of its own so the profiles store can watch it without importing the sync store,
// which imports the profiles store (to tell the active profile's jobs from others').
import { defineStore } from 'pinia'
import { ref } from 'vue'

export const useSyncEndsStore = defineStore('syncEnds', () => {
  const count = ref(0)
  const record = (): void => {
    count.value++
  }
  return { count, record }
})
