// The shape of the review being edited, shared by the review store and what merges into it.
import type { Review } from '@shared/contract'

/** The review being edited: every field present (the saved form minus its timestamp). */
export type ReviewDraft = Omit<Review, 'updatedAt'>
