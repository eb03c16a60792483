// The call under review: what the cache holds for it, its playable recordings, and the
// reviewer's draft, saved automatically within half a second of the last change.
import { useDebounceFn } from '@vueuse/core'
import { defineStore } from 'pinia'
import { computed, ref, shallowRef, watch } from 'vue'
import type { CachedCall, PlayableRecording, Review, TaskView } from '@shared/contract'
import { callsApi, mediaApi, reviewsApi, tasksApi } from '../api'

const AUTOSAVE_MS = 400

/** The review being edited: every field present (the saved form minus its timestamp). */
export type ReviewDraft = Omit<Review, 'updatedAt'>

export type SaveState = 'saved' | 'dirty' | 'saving' | 'error'

function emptyReview(callInstanceId: number): ReviewDraft {
  return { callInstanceId, verdict: null, score: null, tags: [], text: '', comments: [], tagChecks: [] }
}

function toDraft(review: Review): ReviewDraft {
  const { updatedAt: _updatedAt, ...input } = review
  return input
}

export const useReviewStore = defineStore('review', () => {
  const call = shallowRef<CachedCall | null>(null)
  const task = shallowRef<TaskView | null>(null)
  const recordings = shallowRef<{ full: PlayableRecording | null; customer: PlayableRecording | null }>({
    full: null,
    customer: null,
  })
  const draft = ref<ReviewDraft | null>(null)
  const saveState = ref<SaveState>('saved')
  const saveError = ref<string | null>(null)
  let loadingDraft = false

  const resultDefs = computed(() => task.value?.detail?.resultDefs ?? [])

  async function save(): Promise<void> {
    if (!draft.value) return
    const snapshot = JSON.parse(JSON.stringify(draft.value)) as ReviewDraft
    saveState.value = 'saving'
    try {
      await reviewsApi.save(snapshot)
      // A newer edit may have come in while this one was saving; it has its own save queued.
      if (JSON.stringify(draft.value) === JSON.stringify(snapshot)) saveState.value = 'saved'
      saveError.value = null
    } catch (error) {
      saveState.value = 'error'
      saveError.value = error instanceof Error ? error.message : String(error)
    }
  }
  const saveSoon = useDebounceFn(save, AUTOSAVE_MS)

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

  async function open(callInstanceId: number): Promise<void> {
    if (saveState.value === 'dirty' || saveState.value === 'error') await save()
    const cached = await callsApi.get(callInstanceId)
    const [full, customer, taskView] = await Promise.all([
      mediaApi.recording(callInstanceId, 'full'),
      mediaApi.recording(callInstanceId, 'customer'),
      task.value?.task.taskId === cached.call.taskId ? task.value : tasksApi.get(cached.call.taskId).catch(() => null),
    ])
    loadingDraft = true
    call.value = cached
    recordings.value = { full, customer }
    task.value = taskView
    draft.value = cached.review ? toDraft(cached.review) : emptyReview(callInstanceId)
    saveState.value = 'saved'
    loadingDraft = false
  }

  /** Saves now (leaving the page, switching call). */
  async function flush(): Promise<void> {
    if (saveState.value === 'dirty' || saveState.value === 'error') await save()
  }

  function close(): void {
    call.value = null
    draft.value = null
  }

  return { call, task, recordings, draft, saveState, saveError, resultDefs, open, flush, close }
})
