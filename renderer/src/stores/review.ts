// The call under review: what the cache holds for it, its playable recordings, and the
// reviewer's draft, saved automatically within half a second of the last change — and kept, and
// retried, until main has stored it (draft-saver.ts), whichever call the reviewer moves on to. Each
// edit also reaches main's journal at once (draft-journal.ts), so a draft outlives a crashed page:
// opening its call shows it again, not saved, and saves it. Opening a call is one request
// (calls.open); the customer track follows once the page is drawn. After a sync the open call is
// read again (its draft and undo history kept). In team mode a review another device of the member
// changed is taken into the open draft, the edits made here and not stored yet kept over it.
import { useDebounceFn } from '@vueuse/core'
import { defineStore } from 'pinia'
import { ref, shallowRef, watch } from 'vue'
import type {
  CachedCall,
  CallResult,
  DraftStamp,
  PeakResolution,
  RecordingKind,
  ResultDef,
  Review,
  TagCheck,
  Verdict,
} from '@shared/contract'
import { afterNextPaint } from '../composables/after-next-paint'
import { callsApi, mediaApi, reviewsApi, type PlayerRecording } from '../api'
import { DraftHistory } from './draft-history'
import { DraftJournal } from './draft-journal'
import { DraftSaver } from './draft-saver'
import { mergePulledReview } from './merge-pulled-review'
import type { ReviewDraft } from './review-draft'
import { addMissedResult, checkResult, confirmAllResults, removeMissedResult, uncheckResult } from './tag-checks'
import { useProfilesStore } from './profiles'
import { useStoredReviewStore } from './stored-review'
import { useSyncEndsStore } from './sync-ends'
import { useTeamStore } from './team'

const AUTOSAVE_MS = 400

export type { ReviewDraft }

/** 'error': the last save failed; the draft is kept and retried until it is stored. */
export type SaveState = 'saved' | 'dirty' | 'saving' | 'error'

/** A comment as the page hands it over: a moment (`endMs` null or absent) or a range. */
export interface NewComment {
  atMs: number
  endMs?: number | null
  lineIndex: number | null
  text: string
  category?: string | null
}

/** A range shorter than this is a moment (C pressed twice without the playhead moving). */
const MIN_RANGE_MS = 200
/** A comment's span as stored: whole milliseconds, start first, a too-short range a moment (null end). */
export function orderedRange(atMs: number, endMs: number | null): [number, number | null] {
  const start = Math.round(Math.min(atMs, endMs ?? atMs))
  const end = endMs === null ? null : Math.round(Math.max(atMs, endMs))
  return [start, end !== null && end - start >= MIN_RANGE_MS ? end : null]
}

function emptyReview(callInstanceId: number): ReviewDraft {
  return { callInstanceId, verdict: null, score: null, tags: [], text: '', comments: [], tagChecks: [] }
}

/** A draft as the saver keeps it: with the stamp of the edit it is, for main's journal. */
interface StampedDraft {
  callInstanceId: number
  review: ReviewDraft
  stamp: DraftStamp | null
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
  /** Where the lists hear of each review stored (its verdict may have changed their counts). */
  const storedReview = useStoredReviewStore()
  /** The open call's review as last stored (loaded or saved): what the draft's own edits are told from. */
  let base: ReviewDraft | null = null
  /** The verdict the open call's stored review has, to tell a verdict change from a note edit. */
  let storedVerdict: { callInstanceId: number; verdict: Review['verdict'] } | null = null
  let loadingDraft = false
  /** Bumped by every open and close, so a slower earlier answer never lands on a later call. */
  let generation = 0
  let opening: { callInstanceId: number; done: Promise<void> } | null = null
  /** The call the page asked for last (null once it is left). */
  let requested: number | null = null
  /** Why that call could not be opened (null while it loads, or once it has). */
  const openError = shallowRef<unknown>(null)
  /** How finely the page draws the waveform: its recordings' peaks are asked for at that (none: all). */
  let peakResolution: PeakResolution | undefined

  /** An edit not handed to the saver yet (edits are gathered for a moment before they go). */
  let editWaiting = false
  const saver = new DraftSaver<StampedDraft>({
    save: async ({ review, stamp }) => announce(await reviewsApi.save(review, stamp ?? undefined)),
    onState: (callInstanceId, state, error) => {
      // Another call's draft still on its way says nothing about the one on screen.
      if (draft.value?.callInstanceId !== callInstanceId) return
      if (editWaiting && state !== 'retrying') return // a newer edit is about to go
      saveState.value = state === 'retrying' ? 'error' : state
      saveError.value = error
    },
  })

  const journal = new DraftJournal<ReviewDraft>({ send: (review, stamp) => reviewsApi.journal(review, stamp) })
  /** The stamp of the draft on screen (its latest edit); null while it is the stored review. */
  let stamp: DraftStamp | null = null

  /** Hands the draft on screen to the saver now. */
  function save(): void {
    if (!draft.value) return
    editWaiting = false
    saveState.value = 'saving'
    const review = JSON.parse(JSON.stringify(draft.value)) as ReviewDraft
    saver.put({ callInstanceId: review.callInstanceId, review, stamp })
  }
  const saveSoon = useDebounceFn(save, AUTOSAVE_MS)

  const history = new DraftHistory()
  /** Whether undo / redo have a step to take (the history itself is not reactive). */
  const canUndo = ref(false)
  const canRedo = ref(false)
  function syncHistoryFlags(): void {
    canUndo.value = history.canUndo
    canRedo.value = history.canRedo
  }
  let applyingHistory = false
  /** The draft as last recorded, to tell which field an edit changed. */
  let recorded: ReviewDraft | null = null
  /** Typing in the note joins the keystrokes before it into one undo step; any other edit stands alone. */
  function burstOf(next: ReviewDraft): string | null {
    const previous = recorded
    recorded = JSON.parse(JSON.stringify(next)) as ReviewDraft
    if (!previous) return null
    const changed = (Object.keys(next) as (keyof ReviewDraft)[]).filter(
      (key) => JSON.stringify(previous[key]) !== JSON.stringify(next[key]),
    )
    return changed.length === 1 && changed[0] === 'text' ? 'text' : null
  }

  /** Tells the lists a review was stored (its verdict may have changed their counts and marks). */
  function announce(review: Review): void {
    const known = storedVerdict?.callInstanceId === review.callInstanceId ? storedVerdict.verdict : undefined
    const taskId = call.value?.call.callInstanceId === review.callInstanceId ? call.value.call.taskId : null
    if (storedVerdict?.callInstanceId === review.callInstanceId) storedVerdict.verdict = review.verdict
    if (draft.value?.callInstanceId === review.callInstanceId) base = toDraft(review)
    storedReview.latest = { review, taskId, verdictChanged: known !== review.verdict }
  }

  watch(
    draft,
    () => {
      if (loadingDraft || !draft.value) return
      if (!applyingHistory) history.record(JSON.stringify(draft.value), burstOf(draft.value))
      syncHistoryFlags()
      stamp = journal.record(JSON.parse(JSON.stringify(draft.value)) as ReviewDraft)
      editWaiting = true
      saveState.value = 'dirty'
      void saveSoon()
    },
    // Synchronous, so loading a call's review (below) is never mistaken for an edit.
    { deep: true, flush: 'sync' },
  )

  /**
   * Loads a call for review; asking again for the call already loading joins that request. Never
   * rejects: a failure of the call still asked for is `openError`.
   */
  function open(callInstanceId: number, peaks?: PeakResolution): Promise<void> {
    if (opening?.callInstanceId === callInstanceId) return opening.done
    requested = callInstanceId
    peakResolution = peaks
    openError.value = null
    const done = load(callInstanceId)
      .catch((failure: unknown) => {
        if (requested === callInstanceId) openError.value = failure
      })
      .finally(() => {
        if (opening?.done === done) opening = null
      })
    opening = { callInstanceId, done }
    return done
  }

  /**
   * Reads the open call again (a sync may have fetched it, its recording or its transcript): the
   * draft and its history stay; the player is rebuilt only when the recording itself changed.
   */
  async function refresh(): Promise<void> {
    const callInstanceId = requested
    if (callInstanceId === null || opening) return
    if (call.value?.call.callInstanceId !== callInstanceId) return void open(callInstanceId)
    const current = generation
    const {
      full,
      resultDefs: defs,
      hasCustomerTrack: _customer,
      pendingDraft: _draft,
      ...cached
    } = await callsApi.open(callInstanceId, peakResolution)
    if (current !== generation) return
    if (JSON.stringify({ ...cached, review: null }) !== JSON.stringify({ ...call.value, review: null })) {
      call.value = { ...cached, review: call.value.review }
      resultDefs.value = defs
    }
    if (full?.url !== recordings.value.full?.url) recordings.value = { ...recordings.value, full }
  }
  watch(
    () => useSyncEndsStore().count,
    () => void refresh().catch(() => undefined),
  )

  /**
   * Another device's edit of the open call arrived (team mode): its stored review is read and laid
   * under the draft. A draft with nothing unsaved simply becomes it (a fresh undo history: undoing
   * would send the other device's edit back); unsaved edits here stay and are saved with it, so the
   * next save carries both instead of undoing the other device's edit.
   */
  async function takePulled(callIds: number[]): Promise<void> {
    const callInstanceId = draft.value?.callInstanceId
    if (callInstanceId === undefined || !callIds.includes(callInstanceId) || opening) return
    const current = generation
    const pulled = await reviewsApi.get(callInstanceId)
    if (current !== generation || !pulled || !draft.value || !base) return
    const next = mergePulledReview(base, draft.value, toDraft(pulled))
    base = toDraft(pulled)
    storedVerdict = { callInstanceId, verdict: pulled.verdict }
    if (JSON.stringify(next) === JSON.stringify(draft.value)) return
    const clean = !editWaiting && saveState.value === 'saved' && !saver.unsaved(callInstanceId)
    if (!clean) {
      draft.value = next // an edit like any other: journaled, saved, undoable
      return
    }
    loadingDraft = true
    draft.value = next
    history.reset(JSON.stringify(next))
    recorded = JSON.parse(JSON.stringify(next)) as ReviewDraft
    syncHistoryFlags()
    loadingDraft = false
  }
  watch(
    () => useTeamStore().reviewsChanged,
    (change) => void (change && takePulled(change.callIds).catch(() => undefined)),
  )

  async function load(callInstanceId: number): Promise<void> {
    // The call being left keeps its draft in the saver until main has it; nothing waits for that here.
    if (editWaiting) save()
    // Never show (or let the keys edit) another call while this one loads.
    if (call.value?.call.callInstanceId !== callInstanceId) forget()
    const current = ++generation
    const {
      full,
      hasCustomerTrack,
      resultDefs: defs,
      pendingDraft,
      ...cached
    } = await callsApi.open(callInstanceId, peakResolution)
    if (current !== generation) return
    loadingDraft = true
    call.value = cached
    resultDefs.value = defs
    recordings.value = { full, customer: null }
    // Edits of this call that main has not stored yet win over the cache's copy: this page's (a save
    // still retrying), else those main journaled for a page that died before they were stored.
    const unsaved = saver.unsaved(callInstanceId)
    const recovered = unsaved ? null : pendingDraft
    draft.value =
      unsaved?.review ?? recovered?.draft ?? (cached.review ? toDraft(cached.review) : emptyReview(callInstanceId))
    stamp = unsaved?.stamp ?? (recovered ? journal.nextStamp() : null)
    saveState.value = unsaved || recovered ? 'error' : 'saved'
    history.reset(JSON.stringify(draft.value))
    recorded = JSON.parse(JSON.stringify(draft.value)) as ReviewDraft
    syncHistoryFlags()
    storedVerdict = { callInstanceId, verdict: cached.review?.verdict ?? null }
    base = cached.review ? toDraft(cached.review) : emptyReview(callInstanceId)
    loadingDraft = false
    // Main already journals it (under the dead page's stamp); saving it under this page's stamp drops that.
    if (recovered) save()
    if (hasCustomerTrack) void loadCustomerTrack(callInstanceId, current)
  }

  async function loadCustomerTrack(callInstanceId: number, current: number): Promise<void> {
    // Asked for once the call is on screen: its request and its peaks' decoding would otherwise
    // share the first frame's task with drawing the waveform and transcript.
    await afterNextPaint()
    if (current !== generation) return
    // Without it the track switch stays hidden, as for a call that has no customer track.
    const customer = await mediaApi.recording(callInstanceId, 'customer', peakResolution).catch(() => null)
    if (current === generation) recordings.value = { ...recordings.value, customer }
  }

  /**
   * Finer peaks of a track (the reviewer zoomed in further than they were asked for): the player
   * draws them in place. A failure keeps the coarser ones, which still draw the whole call.
   */
  async function sharpenPeaks(kind: RecordingKind, peaks: PeakResolution): Promise<void> {
    const callInstanceId = call.value?.call.callInstanceId
    const shown = recordings.value[kind]
    if (callInstanceId === undefined || !shown) return
    peakResolution = peaks
    const current = generation
    const finer = await mediaApi.recording(callInstanceId, kind, peaks).catch(() => null)
    const now = recordings.value[kind]
    // Only onto the same recording, and only finer than what it has meanwhile.
    if (current !== generation || !finer || !now || finer.url !== now.url) return
    if (finer.peaksPerSecond <= now.peaksPerSecond && finer.peaks.length <= now.peaks.length) return
    recordings.value = { ...recordings.value, [kind]: finer }
  }

  /**
   * Saves now and waits (a few seconds at most) for every draft to be stored: leaving the page,
   * switching profile. False when something is still not stored (it stays, and is retried).
   */
  async function flush(timeoutMs?: number): Promise<boolean> {
    if (editWaiting) save()
    // The journal too: an edit landing in main after a profile switch would land in the wrong profile.
    const [stored] = await Promise.all([saver.flush(undefined, timeoutMs), journal.settled(timeoutMs)])
    return stored
  }

  /** Steps the draft back (or forward) one edit; saved like any edit. */
  function stepHistory(direction: 'undo' | 'redo'): boolean {
    const state = direction === 'undo' ? history.undo() : history.redo()
    if (state === null || !draft.value) return false
    applyingHistory = true
    draft.value = JSON.parse(state) as ReviewDraft
    recorded = JSON.parse(state) as ReviewDraft
    applyingHistory = false
    return true
  }
  const undo = () => stepHistory('undo')
  const redo = () => stepHistory('redo')

  // The draft's verbs: components and keys call these; each is one saved, undoable edit.
  function setVerdict(verdict: Verdict | null): void {
    if (draft.value) draft.value.verdict = verdict
  }
  function setScore(score: number | null): void {
    if (draft.value) draft.value.score = score
  }
  function setText(text: string): void {
    if (draft.value) draft.value.text = text
  }
  function addTag(tag: string): void {
    const value = tag.trim()
    if (draft.value && value && !draft.value.tags.includes(value)) draft.value.tags = [...draft.value.tags, value]
  }
  function removeTag(tag: string): void {
    if (draft.value) draft.value.tags = draft.value.tags.filter((t) => t !== tag)
  }
  /**
   * A comment at `atMs`, or over `atMs`–`endMs` (a range), on the line then current if any; one
   * with neither text nor category adds nothing.
   */
  function addComment(input: NewComment): void {
    const text = input.text.trim()
    const category = input.category ?? null
    if (!draft.value || (!text && !category)) return
    const [atMs, endMs] = orderedRange(input.atMs, input.endMs ?? null)
    const comment = {
      id: `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`,
      atMs,
      endMs,
      lineIndex: input.lineIndex,
      text,
      category,
      createdAt: new Date().toISOString(),
    }
    draft.value.comments = [...draft.value.comments, comment].sort((a, b) => a.atMs - b.atMs)
  }
  /** Changes a comment's text or category (its time stays). */
  function editComment(id: string, change: { text?: string; category?: string | null }): void {
    if (!draft.value) return
    draft.value.comments = draft.value.comments.map((comment) =>
      comment.id === id
        ? {
            ...comment,
            text: change.text === undefined ? comment.text : change.text.trim(),
            category: change.category === undefined ? comment.category : change.category,
          }
        : comment,
    )
  }
  function removeComment(id: string): void {
    if (draft.value) draft.value.comments = draft.value.comments.filter((comment) => comment.id !== id)
  }
  function editChecks(step: (checks: TagCheck[]) => TagCheck[]): void {
    if (draft.value) draft.value.tagChecks = step(draft.value.tagChecks)
  }
  const confirmTag = (result: CallResult) => editChecks((checks) => checkResult(checks, result, null))
  const correctTag = (result: CallResult, value: string) => editChecks((checks) => checkResult(checks, result, value))
  const resetTag = (result: CallResult) => editChecks((checks) => uncheckResult(checks, result))
  const confirmAllTags = () => editChecks((checks) => confirmAllResults(checks, call.value?.call.results ?? []))
  const addMissedTag = (name: string, value: string) => editChecks((checks) => addMissedResult(checks, name, value))
  const removeMissedTag = (name: string, value: string) =>
    editChecks((checks) => removeMissedResult(checks, name, value))
  /** Corrects (or confirms) the intent level (the result valued "A级…"–"F级…") to the value of that letter. */
  function correctIntent(letter: string): void {
    const intent = call.value?.call.results.find((result) => /^[A-F]级/.test(result.value))
    if (!intent) return
    const values = resultDefs.value.find((def) => def.name === intent.name)?.values ?? [intent.value]
    const target = values.find((value) => value.startsWith(`${letter}级`))
    if (target) correctTag(intent, target)
  }

  /** Whether some draft (of any call) is not stored yet: closing the window must wait. */
  const hasUnsaved = () => saver.hasUnsaved()

  /**
   * Forgets the call (leaving the page): the next open draws from fresh data, not a stale copy.
   * A draft not stored yet stays with the saver, and comes back if the call is opened again.
   */
  function close(): void {
    opening = null
    requested = null
    openError.value = null
    forget()
  }

  function forget(): void {
    generation++
    call.value = null
    if (editWaiting) save()
    draft.value = null
    base = null
    stamp = null
    saveState.value = 'saved'
    saveError.value = null
    resultDefs.value = []
    recordings.value = { full: null, customer: null }
  }

  // Another profile's cache is open now: nothing of the previous call may be shown or saved into it
  // (the Connections page switches only once every draft is stored).
  watch(
    () => useProfilesStore().activeId,
    () => {
      editWaiting = false
      close()
      draft.value = null
      saveState.value = 'saved'
      saveError.value = null
    },
  )

  /**
   * Drafts main journaled for a page that died before they were stored (this page took its place):
   * saved like any draft of a call left behind, so they are stored without the call being reopened.
   */
  async function resumeJournaled(): Promise<void> {
    for (const { draft: review } of await reviewsApi.pending()) {
      const id = review.callInstanceId
      if (saver.unsaved(id) || draft.value?.callInstanceId === id) continue
      saver.put({ callInstanceId: id, review, stamp: journal.nextStamp() })
    }
  }
  watch(
    () => useProfilesStore().activeId,
    // Not reachable now: they stay journaled, and the call shows its draft when it is opened.
    (id) => void (id && resumeJournaled().catch(() => undefined)),
    { immediate: true },
  )

  return {
    call,
    recordings,
    draft,
    saveState,
    saveError,
    openError,
    resultDefs,
    canUndo,
    canRedo,
    open,
    sharpenPeaks,
    flush,
    hasUnsaved,
    undo,
    redo,
    setVerdict,
    setScore,
    setText,
    addTag,
    removeTag,
    addComment,
    editComment,
    removeComment,
    confirmTag,
    correctTag,
    resetTag,
    confirmAllTags,
    addMissedTag,
    removeMissedTag,
    correctIntent,
    takeStored: takePulled,
    close,
  }
})
