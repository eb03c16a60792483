// The filtered call list: total, facets, and rows loaded a block at a time around
// what the virtualised table shows (100,000 rows never cross IPC at once). A change of the active
// profile empties it: another profile's calls never show under this one's name.
import { defineStore } from 'pinia'
import { ref, shallowRef, triggerRef, watch } from 'vue'
import type { CallFacets, CallFilterInput, CallRow, CallSortInput } from '@shared/contract'
import { DEFAULT_CALL_SORT } from '@shared/contract/constants'
import { callsApi } from '../api'
import { useProfilesStore } from './profiles'

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
    forget()
    loading.value = true
    const mine = generation
    try {
      // Rows first: facet counts over broad filters cost more, and arrive a moment later.
      const first = await callsApi.query(nextFilter, nextSort, 0, BLOCK)
      if (mine !== generation) return
      total.value = first.total
      first.rows.forEach((row, i) => rows.value.set(i, row))
      pendingBlocks.set(0, Promise.resolve())
      triggerRef(rows)
    } catch (error) {
      if (mine === generation) throw error
      return
    } finally {
      if (mine === generation) loading.value = false
    }
    try {
      const nextFacets = await callsApi.facets(nextFilter)
      if (mine === generation) facets.value = nextFacets
    } catch (error) {
      if (mine === generation) throw error
    }
  }

  watch(
    () => useProfilesStore().activeId,
    () => {
      forget()
      total.value = 0
      facets.value = null
    },
  )

  const reload = () => apply(filter.value, sort.value)
  const rowAt = (index: number): CallRow | undefined => rows.value.get(index)

  /** The id of the call `offset` places from `callInstanceId` in the current list (N / P). */
  async function neighbour(callInstanceId: number, offset: 1 | -1): Promise<number | null> {
    let index = -1
    for (const [i, row] of rows.value) if (row.callInstanceId === callInstanceId) index = i
    if (index < 0) return null
    const target = index + offset
    if (target < 0 || target >= total.value) return null
    await ensureRange(target, target + 1)
    return rows.value.get(target)?.callInstanceId ?? null
  }

  return { filter, sort, total, facets, loading, rows, apply, reload, ensureRange, rowAt, neighbour }
})
