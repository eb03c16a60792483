// The call under review: what the cache holds for it, its playable recordings, and the
// reviewer's draft, saved automatically within half a second of the last change. Opening a call
// is one request (calls.open); the customer track follows once the page is drawn.
import { useDebounceFn } from '@vueuse/core'
import { defineStore } from 'pinia'
import { ref, shallowRef, watch } from 'vue'
import type { CachedCall, ResultDef, Review } from '@shared/contract'
import { afterNextPaint } from '../composables/after-next-paint'
import { callsApi, mediaApi, reviewsApi, type PlayerRecording } from '../api'
import { useProfilesStore } from './profiles'

const AUTOSAVE_MS = 400

/** The review being edited: every field present (the saved form minus its timestamp). */
export type ReviewDraft = Omit<Review, 'updatedAt'>

export type SaveState = 'saved' | 'dirty' | 'saving' | 'error'

export interface StoredReview {
  review: Review
  /** The call's task, when known (the call was open). */
  taskId: number | null
  /** False only when the verdict is known to be the one stored before (a note edit). */
  verdictChanged: boolean
}

function emptyReview(callInstanceId: number): ReviewDraft {
  return { callInstanceId, verdict: null, score: null, tags: [], text: '', comments: [], tagChecks: [] }
}

function toDraft(review: Review): ReviewDraft {
  const { updatedAt: _updatedAt, ...input } = review
  return input
}

export const useReviewStore = defineStore('review', () => {
  const call = shallowRef<CachedCall | null>(null)
  /** The task's result names and their allowed values, for checking the robot's tags. */
  const resultDefs = shallowRef<ResultDef[]>([])
  const recordings = shallowRef<{ full: PlayerRecording | null; customer: PlayerRecording | null }>({
    full: null,
    customer: null,
  })
  const draft = ref<ReviewDraft | null>(null)
  const saveState = ref<SaveState>('saved')
  /** Why the last save failed (translated by the view), or null. */
  const saveError = shallowRef<unknown>(null)
  /**
   * The latest review stored, with its call's task and whether its verdict changed: the call list
   * and the task list update their marks and progress counts from it, without reloading.
   */
  const stored = shallowRef<StoredReview | null>(null)
  /** The verdict the open call's stored review has, to tell a verdict change from a note edit. */
  let storedVerdict: { callInstanceId: number; verdict: Review['verdict'] } | null = null
  let loadingDraft = false
  /** Bumped by every open and close, so a slower earlier answer never lands on a later call. */
  let generation = 0
  let opening: { callInstanceId: number; done: Promise<void> } | null = null

  async function save(): Promise<void> {
    if (!draft.value) return
    const snapshot = JSON.parse(JSON.stringify(draft.value)) as ReviewDraft
    saveState.value = 'saving'
    try {
      announce(await reviewsApi.save(snapshot))
      // A newer edit may have come in while this one was saving; it has its own save queued.
      if (JSON.stringify(draft.value) === JSON.stringify(snapshot)) saveState.value = 'saved'
      saveError.value = null
    } catch (error) {
      saveState.value = 'error'
      saveError.value = error
    }
  }
  const saveSoon = useDebounceFn(save, AUTOSAVE_MS)

  function announce(review: Review): void {
    const known = storedVerdict?.callInstanceId === review.callInstanceId ? storedVerdict.verdict : undefined
    const taskId = call.value?.call.callInstanceId === review.callInstanceId ? call.value.call.taskId : null
    if (storedVerdict?.callInstanceId === review.callInstanceId) storedVerdict.verdict = review.verdict
    stored.value = { review, taskId, verdictChanged: known !== review.verdict }
  }

  watch(
    draft,
    () => {
      if (loadingDraft || !draft.value) return
      saveState.value = 'dirty'
      void saveSoon()
    },
    // Synchronous, so loading a call's review (below) is never mistaken for an edit.
    { deep: true, flush: 'sync' },
  )

  /** Loads a call for review; asking again for the call already loading joins that request. */
  function open(callInstanceId: number): Promise<void> {
    if (opening?.callInstanceId === callInstanceId) return opening.done
    const done = load(callInstanceId).finally(() => {
      if (opening?.done === done) opening = null
    })
    opening = { callInstanceId, done }
    return done
  }

  async function load(callInstanceId: number): Promise<void> {
    if (saveState.value === 'dirty' || saveState.value === 'error') await save()
    // Never show (or let the keys edit) another call while this one loads.
    if (call.value?.call.callInstanceId !== callInstanceId) forget()
    const current = ++generation
    const { full, hasCustomerTrack, resultDefs: defs, ...cached } = await callsApi.open(callInstanceId)
    if (current !== generation) return
    loadingDraft = true
    call.value = cached
    resultDefs.value = defs
    recordings.value = { full, customer: null }
    draft.value = cached.review ? toDraft(cached.review) : emptyReview(callInstanceId)
    storedVerdict = { callInstanceId, verdict: cached.review?.verdict ?? null }
    saveState.value = 'saved'
    loadingDraft = false
    if (hasCustomerTrack) void loadCustomerTrack(callInstanceId, current)
  }

  async function loadCustomerTrack(callInstanceId: number, current: number): Promise<void> {
    // Asked for once the call is on screen: its request and its peaks' decoding would otherwise
    // share the first frame's task with drawing the waveform and transcript.
    await afterNextPaint()
    if (current !== generation) return
    // Without it the track switch stays hidden, as for a call that has no customer track.
    const customer = await mediaApi.recording(callInstanceId, 'customer').catch(() => null)
    if (current === generation) recordings.value = { ...recordings.value, customer }
  }

  /** Saves now (leaving the page, switching call). */
  async function flush(): Promise<void> {
    if (saveState.value === 'dirty' || saveState.value === 'error') await save()
  }

  /**
   * Forgets the call (leaving the page): the next open draws from fresh data, not a stale copy.
   * A draft whose save failed stays, so the next open retries it before loading another.
   */
  function close(): void {
    opening = null
    forget()
  }

  function forget(): void {
    generation++
    call.value = null
    if (saveState.value === 'saved') draft.value = null
    resultDefs.value = []
    recordings.value = { full: null, customer: null }
  }

  // Another profile's cache is open now: nothing of the previous call may be shown or saved into it
  // (the Connections page saves a pending draft before it switches).
  watch(
    () => useProfilesStore().activeId,
    () => {
      close()
      draft.value = null
      saveState.value = 'saved'
      saveError.value = null
    },
  )

  return { call, recordings, draft, saveState, saveError, stored, resultDefs, open, flush, close }
})
