import type { Routes } from './route-table'

export const reviewsRoutes: Routes<'reviews'> = {
  'reviews.get': ({ callInstanceId }, { workspace }) => workspace.current().cache.getReview(callInstanceId),
  'reviews.save': ({ stamp, ...review }, { workspace }) => workspace.current().cache.saveReview(review, stamp ?? null),
  'reviews.journal': (input, { workspace }) => ({ kept: workspace.current().cache.journalDraft(input) }),
  'reviews.pending': (_input, { workspace }) => workspace.current().cache.pendingDrafts(),
  'reviews.list': (input, { workspace }) => workspace.current().cache.listReviews(input),
  'reviews.categories': (_input, { workspace }) => workspace.current().cache.commentCategories(),
  'reviews.setCategories': ({ categories }, { workspace }) =>
    workspace.current().cache.setCommentCategories(categories),
}
