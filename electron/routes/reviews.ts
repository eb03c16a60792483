import type { Services } from '../services/services'
import type { Routes } from './route-table'

/**
 * A team profile's review sync hooks the reviews file's saves when its connection starts: start it
 * before a save, so the edit goes into the outbox in the save's transaction. A connection that
 * cannot start (its password unreadable) leaves the save to be sent whole at its next edit.
 */
function teamReady({ team }: Services): void {
  try {
    team.connection()
  } catch {
    // team.status says why; the review itself must still be stored.
  }
}

export const reviewsRoutes: Routes<'reviews'> = {
  'reviews.get': ({ callInstanceId }, { workspace }) => workspace.current().cache.getReview(callInstanceId),
  'reviews.save': ({ stamp, ...review }, services) => {
    teamReady(services)
    return services.workspace.current().cache.saveReview(review, stamp ?? null)
  },
  'reviews.journal': (input, { workspace }) => ({ kept: workspace.current().cache.journalDraft(input) }),
  'reviews.pending': (_input, { workspace }) => workspace.current().cache.pendingDrafts(),
  'reviews.list': (input, { workspace }) => workspace.current().cache.listReviews(input),
  'reviews.categories': (_input, { workspace }) => workspace.current().cache.commentCategories(),
  'reviews.setCategories': ({ categories }, { workspace }) =>
    workspace.current().cache.setCommentCategories(categories),
}
