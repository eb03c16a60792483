// The filtered call list: total, facets, review progress, and rows loaded a block at a time around
// what the virtualised table shows (100,000 rows never cross IPC at once); the row selected and the
// scroll position, kept while the reviewer is on a call. A change of the active profile empties it:
// another profile's calls never show under this one's name.
import { defineStore } from 'pinia'
import { ref, shallowRef, triggerRef, watch } from 'vue'
import type {
  CallFacets,
  CallFilterInput,
  CallNeighbour,
  CallRow,
  CallSortInput,
  ReviewProgress,
} from '@shared/contract'
import { DEFAULT_CALL_SORT } from '@shared/contract/constants'
import { callsApi } from '../api'
import { useProfilesStore } from './profiles'
import { useReviewStore } from './review'
import { useSyncEndsStore } from './sync-ends'

const BLOCK = 200

export const useCallsStore = defineStore('calls', () => {
  const filter = shallowRef<CallFilterInput>({})
  const sort = shallowRef<CallSortInput>({ ...DEFAULT_CALL_SORT })
  const total = ref(0)
  const facets = shallowRef<CallFacets | null>(null)
  const loading = ref(false)
  /** Loaded rows by index; a plain Map in a shallowRef, triggered by hand after each block. */
  const rows = shallowRef(new Map<number, CallRow>())
  const pendingBlocks = new Map<number, Promise<void>>()
  let generation = 0
  /** The latest list's failure (rows or facets), shown by the page; null while it loads or once it has. */
  const error = shallowRef<unknown>(null)
  /** Reviewed / all calls of the list; null until counted. */
  const progress = shallowRef<ReviewProgress | null>(null)
  /** The list's selected row and scroll offset: the list comes back to them from a call. */
  const selectedIndex = ref(0)
  const scrollTop = ref(0)
  /** Which list the selection and scroll belong to: another filter or sort starts at the top. */
  let listKey = ''
  const keyOf = (f: CallFilterInput, s: CallSortInput) => JSON.stringify([f, s])

  async function loadBlock(block: number, forGeneration: number): Promise<void> {
    let result: Awaited<ReturnType<typeof callsApi.query>>
    try {
      result = await callsApi.query(filter.value, sort.value, block * BLOCK, BLOCK)
    } catch (error) {
      pendingBlocks.delete(block) // let the next scroll try again
      throw error
    }
    if (forGeneration !== generation) return
    result.rows.forEach((row, i) => rows.value.set(block * BLOCK + i, row))
    total.value = result.total
    triggerRef(rows)
  }

  /** Makes sure rows [start, end) are loaded (or loading). */
  function ensureRange(start: number, end: number): Promise<void> {
    const jobs: Promise<void>[] = []
    for (let block = Math.floor(start / BLOCK); block <= Math.floor(Math.max(start, end - 1) / BLOCK); block++) {
      if (block * BLOCK >= Math.max(total.value, 1)) break
      let job = pendingBlocks.get(block)
      if (!job) {
        job = loadBlock(block, generation)
        pendingBlocks.set(block, job)
      }
      jobs.push(job)
    }
    return Promise.all(jobs).then(() => undefined)
  }

  /** Drops what is loaded and every answer still on its way. */
  function forget(): void {
    generation++
    pendingBlocks.clear()
    rows.value = new Map()
    loading.value = false
  }

  /** Rejects only with the failure of the latest list: a superseded request's failure is nobody's. */
  async function apply(nextFilter: CallFilterInput, nextSort: CallSortInput): Promise<void> {
    filter.value = nextFilter
    sort.value = nextSort
    const key = keyOf(nextFilter, nextSort)
    if (key !== listKey) {
      listKey = key
      selectedIndex.value = 0
      scrollTop.value = 0
      progress.value = null
    }
    forget()
    loading.value = true
    error.value = null
    const mine = generation
    try {
      // Rows first: facet counts over broad filters cost more, and arrive a moment later.
      const first = await callsApi.query(nextFilter, nextSort, 0, BLOCK)
      if (mine !== generation) return
      total.value = first.total
      first.rows.forEach((row, i) => rows.value.set(i, row))
      pendingBlocks.set(0, Promise.resolve())
      triggerRef(rows)
    } catch (failure) {
      if (mine === generation) throw (error.value = failure)
      return
    } finally {
      if (mine === generation) loading.value = false
    }
    try {
      const [nextFacets] = await Promise.all([callsApi.facets(nextFilter), countProgress(mine)])
      if (mine === generation) facets.value = nextFacets
    } catch (failure) {
      if (mine === generation) throw (error.value = failure)
    }
  }

  async function countProgress(mine = generation): Promise<void> {
    const counted = await callsApi.progress(filter.value)
    if (mine === generation) progress.value = counted
  }

  watch(
    () => useProfilesStore().activeId,
    () => {
      forget()
      total.value = 0
      facets.value = null
      progress.value = null
      listKey = ''
    },
  )

  // A review stored: its row's mark follows at once, and the counts when its verdict changed.
  watch(
    () => useReviewStore().stored,
    (stored) => {
      if (!stored) return
      const { review } = stored
      for (const [i, row] of rows.value) {
        if (row.callInstanceId !== review.callInstanceId) continue
        const verdict = review.verdict
        rows.value.set(i, { ...row, verdict, reviewed: verdict !== null, reviewUpdatedAt: review.updatedAt })
        triggerRef(rows)
      }
      if (stored.verdictChanged && listKey) void countProgress().catch(() => undefined)
    },
  )

  const reload = () => apply(filter.value, sort.value)
  // A sync ended: the list shown (or last shown) is read again; its selection and scroll stay.
  watch(
    () => useSyncEndsStore().count,
    () => listKey && void reload().catch(() => undefined),
  )
  const rowAt = (index: number): CallRow | undefined => rows.value.get(index)

  /**
   * The call after or before `callInstanceId` in the whole list `listFilter` / `listSort` describe
   * (the route's: a call opened from a link walks its list too), loaded or not; null at an end.
   * When that is the list shown, its selection follows, so the list comes back at that call.
   * With `problem`, the next one with a problem (a barge-in, an aiUnknown line or a long silence).
   */
  async function neighbour(
    listFilter: CallFilterInput,
    listSort: CallSortInput,
    callInstanceId: number,
    direction: 'next' | 'previous',
    problem = false,
  ): Promise<CallNeighbour | null> {
    const found = await (problem
      ? callsApi.neighbour(listFilter, listSort, callInstanceId, direction, true)
      : callsApi.neighbour(listFilter, listSort, callInstanceId, direction))
    if (found && keyOf(listFilter, listSort) === listKey) selectedIndex.value = found.position
    return found
  }

  return {
    filter,
    sort,
    total,
    facets,
    progress,
    loading,
    error,
    rows,
    selectedIndex,
    scrollTop,
    apply,
    reload,
    ensureRange,
    rowAt,
    neighbour,
  }
})
