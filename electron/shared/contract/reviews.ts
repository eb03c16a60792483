// reviews.*: the reviewer's own verdict, score, notes, timed comments and tag checks for one call.
// Kept locally and durably (see services/cache/review-store.ts); never sent to BYRobot.
import { z } from 'zod'
import { lazySchema } from './lazy-schema'
import { noInput } from './app'
import { channel } from './channel'

import { VERDICTS } from './constants'

export { VERDICTS }
export const verdictSchema = lazySchema(() => z.enum(VERDICTS))
export type Verdict = z.infer<typeof verdictSchema>

export const REVIEW_TEXT_MAX = 20_000

const callInstanceId = lazySchema(() => z.number().int().positive())
/** A position in a recording, in ms; 24 h is far beyond any phone call. */
const recordingMs = lazySchema(() =>
  z
    .number()
    .int()
    .min(0)
    .max(24 * 3600 * 1000),
)
const shortText = lazySchema(() => z.string().max(200))

const COMMENT_CATEGORY_MAX = 40

export const reviewCommentSchema = lazySchema(() =>
  z
    .strictObject({
      id: z.string().min(1).max(64),
      atMs: recordingMs,
      endMs: recordingMs.nullable(),
      lineIndex: z.number().int().min(0).max(100_000).nullable(),
      text: z.string().max(4000),
      /** One of the profile's comment categories (its name when the comment was made), or none. */
      category: z.string().max(COMMENT_CATEGORY_MAX).nullable().default(null),
      createdAt: z.string().min(1).max(40),
    })
    .refine((c) => c.endMs === null || c.endMs >= c.atMs, {
      message: 'endMs must not be before atMs',
      path: ['endMs'],
    }),
)
export type ReviewComment = z.infer<typeof reviewCommentSchema>

/**
 * 'confirmed': the robot's value is right; 'corrected': it should be `correctedValue`; 'missed': the
 * robot gave no result of this name and should have given `correctedValue` (robotValue is '').
 */
export const TAG_CHECK_STATUSES = ['confirmed', 'corrected', 'missed'] as const
export const tagCheckSchema = lazySchema(() =>
  z
    .strictObject({
      name: z.string().min(1).max(200),
      robotValue: shortText,
      status: z.enum(TAG_CHECK_STATUSES),
      correctedValue: shortText.nullable(),
    })
    .refine((t) => t.status === 'confirmed' || t.correctedValue !== null, {
      message: 'a corrected or missed tag needs its value',
      path: ['correctedValue'],
    })
    .refine((t) => t.status !== 'missed' || t.robotValue === '', {
      message: 'a tag the robot missed has no robot value',
      path: ['robotValue'],
    }),
)
export type TagCheck = z.infer<typeof tagCheckSchema>

/** What the renderer saves: the whole review replaces the stored one. */
export const reviewInputSchema = lazySchema(() =>
  z.strictObject({
    callInstanceId,
    verdict: verdictSchema.nullable().default(null),
    score: z.number().min(0).max(100).nullable().default(null),
    tags: z.array(z.string().min(1).max(64)).max(50).default([]),
    text: z.string().max(REVIEW_TEXT_MAX).default(''),
    comments: z.array(reviewCommentSchema).max(1000).default([]),
    tagChecks: z.array(tagCheckSchema).max(200).default([]),
  }),
)
/** What a caller may pass (defaults fill the rest); a validated input is one too. */
export type ReviewInput = z.input<typeof reviewInputSchema>

export const reviewSchema = lazySchema(() => reviewInputSchema.extend({ updatedAt: z.string() }))
export type Review = z.infer<typeof reviewSchema>

/**
 * Which edit of whose draft a journal entry or a save holds: `editor` is one renderer's random id
 * (a new one after a reload or crash), `revision` counts that editor's edits. Main keeps a journaled
 * draft until a save of the same or a later revision of it is stored (see cache/draft-journal.ts).
 */
export const draftStampSchema = lazySchema(() =>
  z.strictObject({
    editor: z.string().regex(/^[A-Za-z0-9-]{1,64}$/, 'an editor id is 1–64 letters, digits or dashes'),
    revision: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
  }),
)
export type DraftStamp = z.infer<typeof draftStampSchema>

/** A save from the review page carries its draft's stamp, so main drops the journaled draft it stores. */
export const reviewSaveInputSchema = lazySchema(() => reviewInputSchema.extend({ stamp: draftStampSchema.optional() }))
export type ReviewSaveInput = z.input<typeof reviewSaveInputSchema>

/** Every edit of a draft, sent at once (before the debounced save): kept by main until stored. */
export const draftJournalInputSchema = lazySchema(() =>
  z.strictObject({ draft: reviewInputSchema, stamp: draftStampSchema }),
)
export type DraftJournalInput = z.input<typeof draftJournalInputSchema>

/** A journaled draft newer than the stored review: what the reviewer had when the page died. */
export const pendingDraftSchema = lazySchema(() =>
  z.object({
    draft: reviewInputSchema,
    stamp: draftStampSchema,
    journaledAt: z.string(),
  }),
)
export type PendingDraft = z.infer<typeof pendingDraftSchema>

export const reviewListInputSchema = lazySchema(() =>
  z.strictObject({
    taskId: z.number().int().positive().optional(),
    /** ISO time; only reviews saved at or after it. */
    updatedSince: z.string().max(40).optional(),
  }),
)
export type ReviewListInput = z.infer<typeof reviewListInputSchema>

/** The profile's comment categories, in the reviewer's order; null until the reviewer first edits them. */
export const commentCategoriesSchema = lazySchema(() =>
  z
    .array(z.string().trim().min(1).max(COMMENT_CATEGORY_MAX))
    .max(30)
    .refine((names) => new Set(names).size === names.length, { message: 'category names must be unique' }),
)

export const reviewsChannels = {
  'reviews.get': channel(
    () => z.strictObject({ callInstanceId }),
    () => reviewSchema.nullable(),
  ),
  'reviews.save': channel(
    () => reviewSaveInputSchema,
    () => reviewSchema,
  ),
  /** `kept` is false when main already holds (or has stored) a later revision of this draft. */
  'reviews.journal': channel(
    () => draftJournalInputSchema,
    () => z.strictObject({ kept: z.boolean() }),
  ),
  /** Every journaled draft of the profile newer than its stored review: a page starting saves them. */
  'reviews.pending': channel(
    () => z.strictObject({}).default({}),
    () => z.array(pendingDraftSchema),
  ),
  'reviews.list': channel(
    () => reviewListInputSchema.default({}),
    () => z.array(reviewSchema),
  ),
  'reviews.categories': channel(
    () => noInput,
    () => commentCategoriesSchema.nullable(),
  ),
  'reviews.setCategories': channel(
    () => z.strictObject({ categories: commentCategoriesSchema }),
    () => commentCategoriesSchema,
  ),
}
