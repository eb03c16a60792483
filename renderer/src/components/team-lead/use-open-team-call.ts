// Opening a call from the lead's page: main fetches it into the local replica (the same pull a
// claim uses, without claiming it; it stays while the team connection is open), then the review
// page shows it.
import { ref, shallowRef } from 'vue'
import { useRouter } from 'vue-router'
import { teamReportsApi } from '../../api'

export function useOpenTeamCall() {
  const router = useRouter()
  const opening = ref<number | null>(null)
  const error = shallowRef<unknown>(null)

  async function open(callId: number): Promise<boolean> {
    opening.value = callId
    error.value = null
    try {
      await teamReportsApi.openCall(callId)
      await router.push({ name: 'review', params: { callInstanceId: String(callId) } })
      return true
    } catch (failure) {
      error.value = failure
      return false
    } finally {
      opening.value = null
    }
  }

  return { opening, error, open }
}
