// "Fetch this call now": one job fetching just that call; its failure (or the call's own error in
// it) is kept for the page to show. Once the job ends the review store reads the call again itself.
import { ref, shallowRef } from 'vue'
import { ApiError } from '../api'
import { useSyncStore } from '../stores/sync'

export function useFetchCall(callInstanceId: () => number) {
  const syncStore = useSyncStore()
  const fetching = ref(false)
  const failure = shallowRef<unknown>(null)

  async function fetchNow(): Promise<void> {
    const id = callInstanceId()
    fetching.value = true
    failure.value = null
    try {
      const last = await syncStore.fetchCall(id)
      const problem = last.failure ?? last.errors.find((error) => error.callInstanceId === id)
      if (problem) failure.value = new ApiError({ code: problem.code, message: problem.message })
    } catch (error) {
      failure.value = error
    } finally {
      fetching.value = false
    }
  }

  return { fetching, failure, fetchNow }
}
