// "Edited on another device — restore?" for the call under review (team mode): main keeps this
// device's note when another device's later edit replaced it; the review page offers it back.
// Asked for when a call opens and when another device's edit of it arrives.
import { defineStore } from 'pinia'
import { ref, shallowRef, watch } from 'vue'
import type { NoteConflict } from '@shared/contract'
import { teamApi } from '../api'
import { useReviewStore } from './review'
import { useTeamStore } from './team'

export const useNoteConflictStore = defineStore('noteConflict', () => {
  const review = useReviewStore()
  const team = useTeamStore()
  const conflict = shallowRef<NoteConflict | null>(null)
  /** A restore or dismiss on its way (the buttons wait). */
  const busy = ref(false)
  /** Bumped by every ask: a slower earlier answer never lands on a later call. */
  let asked = 0

  async function load(): Promise<void> {
    const ask = ++asked
    const callInstanceId = review.call?.call.callInstanceId
    if (!team.active || callInstanceId === undefined) return void (conflict.value = null)
    const found = await teamApi.noteConflict(callInstanceId).catch(() => null)
    if (ask === asked) conflict.value = found
  }

  watch([() => review.call?.call.callInstanceId, () => team.active], () => void load(), { immediate: true })
  watch(
    () => team.reviewsChanged,
    (change) => {
      const open = review.call?.call.callInstanceId
      if (change && open !== undefined && change.callIds.includes(open)) void load()
    },
  )

  /** Puts this device's note back (a new edit, sent to the team) and shows it in the open draft. */
  async function restore(): Promise<boolean> {
    const offer = conflict.value
    if (!offer || busy.value) return false
    busy.value = true
    try {
      const restored = await teamApi.restoreNote(offer.callInstanceId)
      asked++
      conflict.value = null
      if (restored) await review.takeStored([offer.callInstanceId])
      return restored !== null
    } finally {
      busy.value = false
    }
  }

  /** Keeps the note as it is now: the offer goes away. */
  async function dismiss(): Promise<void> {
    const offer = conflict.value
    if (!offer || busy.value) return
    busy.value = true
    try {
      await teamApi.dismissNoteConflict(offer.callInstanceId)
      asked++
      conflict.value = null
    } finally {
      busy.value = false
    }
  }

  return { conflict, busy, load, restore, dismiss }
})
