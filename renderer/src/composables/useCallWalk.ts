// N / P on the review page: the next or previous call of the whole list in the route (the one the
// call was opened from, or a link's), not just its loaded rows. Presses are taken in order: one made
// while the one before is on its way walks on from where that one lands.
import { ElMessage } from 'element-plus'
import 'element-plus/es/components/message/style/css'
import { useI18n } from 'vue-i18n'
import { useRoute, useRouter } from 'vue-router'
import { useCallsStore } from '../stores/calls'
import { filterFromQuery, sortFromQuery } from './call-filter-query'
import { useErrorMessage } from './useErrorMessage'

export function useCallWalk() {
  const { t } = useI18n()
  const route = useRoute()
  const router = useRouter()
  const callsStore = useCallsStore()
  const errorMessage = useErrorMessage()
  let walking: Promise<void> = Promise.resolve()

  async function step(offset: 1 | -1): Promise<void> {
    const query = route.query
    // The route, not the page's prop: it has the call the previous press landed on as soon as it has landed.
    const from = Number(route.params.callInstanceId)
    let next: Awaited<ReturnType<typeof callsStore.neighbour>>
    try {
      const direction = offset === 1 ? 'next' : 'previous'
      next = await callsStore.neighbour(filterFromQuery(query), sortFromQuery(query), from, direction)
    } catch (failure) {
      ElMessage.error(errorMessage(failure))
      return
    }
    if (next === null) ElMessage.info(t(offset === 1 ? 'review.lastCall' : 'review.firstCall'))
    else if (route.name === 'review') await router.replace({ path: `/calls/${next.callInstanceId}`, query })
  }

  return {
    goToNeighbour(offset: 1 | -1): Promise<void> {
      walking = walking.then(() => step(offset))
      return walking
    },
    backToList: () => router.push({ path: '/calls', query: route.query }),
  }
}
