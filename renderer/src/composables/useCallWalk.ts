// N / P on the review page: the next or previous call of the whole list in the route (the one the
// call was opened from, or a link's), not just its loaded rows — or of the review queue the route
// names (`?queue=ID`); or the list's next call with a problem. Presses are taken in order: one made while the one before is on its way
// walks on from where that one lands.
import { ElMessage } from 'element-plus'
import 'element-plus/es/components/message/style/css'
import { useI18n } from 'vue-i18n'
import { useRoute, useRouter, type LocationQuery } from 'vue-router'
import { useCallsStore } from '../stores/calls'
import { useQueuesStore } from '../stores/queues'
import { filterFromQuery, sortFromQuery } from './call-filter-query'
import { useErrorMessage } from './useErrorMessage'

/** The review queue the route walks (`?queue=ID`), or null for the call list's. */
export function queueOf(query: LocationQuery): number | null {
  const id = Number(query['queue'])
  return Number.isInteger(id) && id > 0 ? id : null
}

export function useCallWalk() {
  const { t } = useI18n()
  const route = useRoute()
  const router = useRouter()
  const callsStore = useCallsStore()
  const queuesStore = useQueuesStore()
  const errorMessage = useErrorMessage()
  let walking: Promise<void> = Promise.resolve()

  async function step(offset: 1 | -1, problem: boolean): Promise<void> {
    // A link's time was for the call it named, not for the next one.
    const { t: _moment, ...query } = route.query
    // The route, not the page's prop: it has the call the previous press landed on as soon as it has landed.
    const from = Number(route.params.callInstanceId)
    let next: Awaited<ReturnType<typeof callsStore.neighbour>>
    try {
      const direction = offset === 1 ? 'next' : 'previous'
      const queue = queueOf(query)
      if (problem && queue !== null) {
        // A queue is a fixed sample: it has no filter to look for problems in.
        ElMessage.info(t('review.problemNotInQueue'))
        return
      }
      next =
        queue === null
          ? await callsStore.neighbour(filterFromQuery(query), sortFromQuery(query), from, direction, problem)
          : await queuesStore.neighbour(queue, from, direction)
    } catch (failure) {
      ElMessage.error(errorMessage(failure))
      return
    }
    if (next === null) {
      const inQueue = queueOf(query) !== null
      const end = offset === 1 ? (inQueue ? 'lastInQueue' : 'lastCall') : inQueue ? 'firstInQueue' : 'firstCall'
      ElMessage.info(t(problem ? 'review.noNextProblemCall' : `review.${end}`))
    } else if (route.name === 'review') await router.replace({ path: `/calls/${next.callInstanceId}`, query })
  }

  return {
    goToNeighbour(offset: 1 | -1): Promise<void> {
      walking = walking.then(() => step(offset, false))
      return walking
    },
    /** The next call of the list with a problem (a barge-in, an aiUnknown line, a long silence). */
    goToNextProblem(): Promise<void> {
      walking = walking.then(() => step(1, true))
      return walking
    },
    backToList: () =>
      queueOf(route.query) === null ? router.push({ path: '/calls', query: route.query }) : router.push('/queues'),
  }
}
