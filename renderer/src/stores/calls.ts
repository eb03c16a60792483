// The filtered call list: total, facets, review progress, and rows loaded a block at a time around
// what the virtualised table shows (a million rows never cross IPC, nor stay in memory, at once:
// blocks far from the view are dropped, see call-blocks.ts); the row selected and the
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
import { BLOCK, blocksToDrop, keepsBlock, spanOf, type BlockSpan } from './call-blocks'
import { useProfilesStore } from './profiles'
import { useSyncEndsStore } from './sync-ends'
import { useStoredReviewStore } from './stored-review'

export const useCallsStore = defineStore('calls', () => {
  const filter = shallowRef<CallFilterInput>({})
  const sort = shallowRef<CallSortInput>({ ...DEFAULT_CALL_SORT })
  const total = ref(0)
  const facets = shallowRef<CallFacets | null>(null)
  const loading = ref(false)
  /** Loaded rows by index; a plain Map in a shallowRef, triggered by hand after each block. */
  const rows = shallowRef(new Map<number, CallRow>())
  /** Blocks loaded or on their way; a dropped block leaves it, so that it is fetched again. */
  const pendingBlocks = new Map<number, Promise<void>>()
  /** Blocks whose rows are in `rows`. */
  const loadedBlocks = new Set<number>()
  /** The blocks the table last asked for: what is kept is counted from them. */
  let shown: BlockSpan = { first: 0, last: 0 }
  let generation = 0
  /** The latest list's failure (rows or facets), shown by the page; null while it loads or once it has. */
  const error = shallowRef<unknown>(null)
  /** Reviewed / all calls of the list; null until counted. */
  const progress = shallowRef<ReviewProgress | null>(null)
  /** The list's selected row and scroll offset: the list comes back to them from a call. */
  const selectedIndex = ref(0)
  /** The scroll offset in the table, which holds the rows from `segmentStart` on (list-segment.ts). */
  const scrollTop = ref(0)
  const segmentStart = ref(0)
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
    total.value = result.total
    // Scrolled past while it was on its way: keeping it would only grow what a long scroll holds.
    if (!keepsBlock(block, shown, selectedIndex.value)) {
      pendingBlocks.delete(block)
      return
    }
    result.rows.forEach((row, i) => rows.value.set(block * BLOCK + i, row))
    loadedBlocks.add(block)
    triggerRef(rows)
  }

  /** Drops the rows of blocks far from the view and the selection (the view does not show them). */
  function dropFarBlocks(): void {
    const far = blocksToDrop(loadedBlocks, shown, selectedIndex.value)
    for (const block of far) {
      for (let i = block * BLOCK; i < (block + 1) * BLOCK; i++) rows.value.delete(i)
      loadedBlocks.delete(block)
      pendingBlocks.delete(block)
    }
    if (far.length > 0) triggerRef(rows)
  }

  /** Makes sure rows [start, end) — what the table shows — are loaded (or loading); drops blocks far from them. */
  function ensureRange(start: number, end: number): Promise<void> {
    shown = spanOf(start, end)
    dropFarBlocks()
    return loadSpan(shown)
  }

  function loadSpan({ first, last }: BlockSpan): Promise<void> {
    const jobs: Promise<void>[] = []
    for (let block = first; block <= last; block++) {
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
    loadedBlocks.clear()
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
      segmentStart.value = 0
      shown = { first: 0, last: 0 }
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
      loadedBlocks.add(0)
      triggerRef(rows)
      // The same list read again (a sync ended) where the reviewer had scrolled to: those rows too.
      if (shown.last > 0) {
        dropFarBlocks()
        void loadSpan(shown).catch(() => undefined)
      }
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
    () => useStoredReviewStore().latest,
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
    segmentStart,
    apply,
    reload,
    ensureRange,
    rowAt,
    neighbour,
  }
})
