// The latest review main stored, announced by the review store: the call list and the task list
// update their marks and progress counts from it, without reloading. A store of its own so those
// lists watch it without importing the review store (its draft saver and journal), which the task
// list, the first screen, does not otherwise need.
import { defineStore } from 'pinia'
import { shallowRef } from 'vue'
import type { Review } from '@shared/contract'

export interface StoredReview {
  review: Review
  /** The call's task, when known (the call was open). */
  taskId: number | null
  /** False only when the verdict is known to be the one stored before (a note edit). */
  verdictChanged: boolean
}

export const useStoredReviewStore = defineStore('storedReview', () => {
  const latest = shallowRef<StoredReview | null>(null)
  return { latest }
})
