// calls.*: the cached calls list (filter, sort, page, per-tag facet counts) and one call with all
// that is cached for it. Everything here reads the local cache; nothing waits on the network.
import { z } from 'zod'
import { lazySchema } from './lazy-schema'
import { channel } from './channel'
import {
  CALL_SORT_FIELDS,
  DEFAULT_CALL_SORT,
  HUNG_UP_BY,
  REVIEW_STATES,
  SORT_DIRECTIONS,
  TAG_CHECK_STATES,
} from './constants'
import { callDetailSchema, resultDefSchema } from './domain'
import { peakResolutionSchema } from './peak-resolution'
import { pendingDraftSchema, reviewSchema, verdictSchema } from './reviews'

export {
  CALL_SORT_FIELDS,
  DEFAULT_CALL_SORT,
  HUNG_UP_BY,
  PEAKS_STORED_PER_SECOND,
  PROBLEM_SILENCE_MS,
  REVIEW_STATES,
  SORT_DIRECTIONS,
  TAG_CHECK_STATES,
} from './constants'

const positiveId = lazySchema(() => z.number().int().positive())
const count = lazySchema(() => z.number().int().min(0).max(1_000_000_000))

const DATETIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/
const DATE = /^\d{4}-\d{2}-\d{2}$/
const CST_OFFSET_MS = 8 * 3600 * 1000

/**
 * A start-time bound, normalised to the API's own form ('YYYY-MM-DD HH:mm:ss', China Standard Time)
 * so the cache compares strings. A bare date covers the whole day; a Date is read as an instant.
 */
function timeBound(endOfDay: boolean) {
  return z.union([z.string().regex(DATETIME), z.string().regex(DATE), z.date()]).transform((v) => {
    if (v instanceof Date) return new Date(v.getTime() + CST_OFFSET_MS).toISOString().slice(0, 19).replace('T', ' ')
    if (v.length === 10) return `${v} ${endOfDay ? '23:59:59' : '00:00:00'}`
    return v
  })
}

/** One result name and the values accepted for it: OR within the values, AND across names. */
export const tagFilterSchema = lazySchema(() =>
  z.strictObject({
    name: z.string().min(1).max(200),
    /** Empty means "no constraint on this name" (the reviewer unticked every value). */
    values: z.array(z.string().max(200)).max(200),
  }),
)
export type TagFilter = z.infer<typeof tagFilterSchema>

export type HungUpBy = (typeof HUNG_UP_BY)[number]
/** A per-call time in ms, negative allowed (an AI answer that starts before the customer finished). */
const latencyMs = lazySchema(() =>
  z
    .number()
    .int()
    .min(-24 * 3600 * 1000)
    .max(24 * 3600 * 1000),
)

/**
 * The reviewer's check of one result name: 'unchecked' (the robot gave it, nobody checked it),
 * 'confirmed', 'corrected', 'missed' (the robot gave none; the reviewer added one). `robotValue` /
 * `reviewerValue` narrow it to one cell of the confusion matrix (the reviewer's value is the
 * robot's when confirmed, the corrected value otherwise). Without `state`: checked in any way
 * (confirmed, corrected or missed). A check judges one (name, robot value), so 'unchecked' means
 * one of the call's values of that name (robotValue, when given) has no check; 'unchecked' with a
 * reviewerValue matches no call. See services/cache/call-filter-sql.ts.
 */
export const tagCheckFilterSchema = lazySchema(() =>
  z.strictObject({
    name: z.string().min(1).max(200),
    state: z.enum(TAG_CHECK_STATES).optional(),
    robotValue: z.string().max(200).optional(),
    reviewerValue: z.string().max(200).optional(),
  }),
)
export type TagCheckFilter = z.infer<typeof tagCheckFilterSchema>

export const callFilterSchema = lazySchema(() =>
  z.strictObject({
    taskId: positiveId.optional(),
    tags: z.array(tagFilterSchema).max(50).optional(),
    durationMin: count.optional(),
    durationMax: count.optional(),
    chatRoundMin: count.optional(),
    chatRoundMax: count.optional(),
    finishStatus: z.array(z.number().int().min(-1000).max(1000)).max(100).optional(),
    startFrom: timeBound(false).optional(),
    startTo: timeBound(true).optional(),
    /** Substring search over transcript text, customer name and phone, and the reviewer's notes. */
    text: z.string().max(200).optional(),
    /** A call is reviewed once its review has a verdict. */
    reviewState: z.enum(REVIEW_STATES).optional(),
    verdicts: z.array(verdictSchema).max(3).optional(),
    // Conversation facts (issue 15's definitions, electron/shared/insight): per call, over its timed lines.
    /** At least one barge-in (true) or none (false). */
    hasBargeIn: z.boolean().optional(),
    /** At least one AI line the robot could not answer (aiUnknown = 1), or none. */
    hasAiUnknown: z.boolean().optional(),
    /** The call's longest silence, in ms: at least / at most. */
    silenceMinMs: latencyMs.optional(),
    silenceMaxMs: latencyMs.optional(),
    /** The call's slowest AI answer (aiLatencyMaxMs), in ms: at least / at most (negative: the AI talked over). */
    aiLatencyMinMs: latencyMs.optional(),
    aiLatencyMaxMs: latencyMs.optional(),
    hungUpBy: z.enum(HUNG_UP_BY).optional(),
    /** The text of the call's last AI line (drop-off: with hungUpBy 'customer', the calls that ended after it). */
    lastAiLine: z.string().max(2000).optional(),
    /** The reviewer's checks of result tags; every entry must hold (AND). */
    tagChecks: z.array(tagCheckFilterSchema).max(20).optional(),
  }),
)
export type CallFilterInput = z.input<typeof callFilterSchema>
export type CallFilter = z.output<typeof callFilterSchema>

export const callSortSchema = lazySchema(() =>
  z.strictObject({
    /** `updatedAt` is the review's last save; calls without a review come last either way. */
    field: z.enum(CALL_SORT_FIELDS).default(DEFAULT_CALL_SORT.field),
    direction: z.enum(SORT_DIRECTIONS).default(DEFAULT_CALL_SORT.direction),
  }),
)
export type CallSortInput = z.input<typeof callSortSchema>
export type CallSort = z.output<typeof callSortSchema>

export const CALL_PAGE_LIMIT_MAX = 500
export const callPageSchema = lazySchema(() =>
  z.strictObject({
    offset: z.number().int().min(0).max(10_000_000).default(0),
    limit: z.number().int().min(1).max(CALL_PAGE_LIMIT_MAX).default(50),
  }),
)
export type CallPageInput = z.input<typeof callPageSchema>
export type CallPage = z.output<typeof callPageSchema>

/**
 * Why a recording cannot be had (permanently, until its URL changes or a day passes): storage
 * answered 404 or 410, the API named an address CallLens refuses (file://…), or the body was not audio.
 */
export const RECORDING_UNAVAILABLE_REASONS = ['not_found', 'gone', 'refused_url', 'not_audio'] as const
export const recordingUnavailableReasonSchema = lazySchema(() => z.enum(RECORDING_UNAVAILABLE_REASONS))
export type RecordingUnavailableReason = z.infer<typeof recordingUnavailableReasonSchema>

export const callRowSchema = lazySchema(() =>
  z.object({
    callInstanceId: z.number(),
    taskId: z.number(),
    taskName: z.string().nullable(),
    customerName: z.string().nullable(),
    customerTelephone: z.string().nullable(),
    finishStatus: z.number().nullable(),
    durationSec: z.number().nullable(),
    chatRound: z.number().nullable(),
    startTime: z.string().nullable(),
    results: z.array(z.object({ name: z.string(), value: z.string() })),
    /** The full recording is on disk. */
    recordingCached: z.boolean(),
    /** Why the full recording cannot be had (the call is stored without it); null when it can or is cached. */
    recordingUnavailable: recordingUnavailableReasonSchema.nullable(),
    /** The last attempt to fetch this call's detail or recording failed. */
    hasError: z.boolean(),
    verdict: verdictSchema.nullable(),
    reviewed: z.boolean(),
    reviewUpdatedAt: z.string().nullable(),
    /** Under a text filter: a short excerpt of the first transcript line the search matches (null when none does). */
    snippet: z.string().nullable().optional(),
  }),
)
export type CallRow = z.infer<typeof callRowSchema>

export const callQueryInputSchema = lazySchema(() =>
  z.strictObject({
    filter: callFilterSchema.default({}),
    sort: callSortSchema.default(DEFAULT_CALL_SORT),
    page: callPageSchema.default({ offset: 0, limit: 50 }),
  }),
)
export const callQueryResultSchema = lazySchema(() => z.object({ rows: z.array(callRowSchema), total: z.number() }))
export type CallQueryResult = z.infer<typeof callQueryResultSchema>

/**
 * For every result name, how many calls carry each value among the calls matching all the
 * other active filters: a name's own tag filter is left out when counting its values, so the
 * reviewer sees what ticking another value of that name would add.
 */
export const callFacetsSchema = lazySchema(() =>
  z.object({
    /** Calls matching the whole filter. */
    total: z.number(),
    results: z.array(
      z.object({
        name: z.string(),
        values: z.array(z.object({ value: z.string(), count: z.number() })),
      }),
    ),
    /** Of the calls matching the whole filter: how many have each conversation fact. */
    facts: z.object({
      bargeIn: z.number(),
      aiUnknown: z.number(),
      hungUpByCustomer: z.number(),
      hungUpByAi: z.number(),
    }),
    /** Per result name the reviewer checked, of the calls matching the whole filter: calls with a check in each state. */
    tagChecks: z.array(
      z.object({ name: z.string(), confirmed: z.number(), corrected: z.number(), missed: z.number() }),
    ),
  }),
)
export type CallFacets = z.infer<typeof callFacetsSchema>

/** N / P: the call after or before one in a filtered, sorted list (the whole list, not a loaded page). */
export const callNeighbourInputSchema = lazySchema(() =>
  z.strictObject({
    filter: callFilterSchema.default({}),
    sort: callSortSchema.default(DEFAULT_CALL_SORT),
    callInstanceId: positiveId,
    direction: z.enum(['next', 'previous']),
    /** Only a call with a problem (PROBLEM_SILENCE_MS): "next call with a problem". */
    problem: z.boolean().optional(),
  }),
)
export const callNeighbourSchema = lazySchema(() =>
  z.object({
    callInstanceId: z.number(),
    /** Its place in the list, from 0. */
    position: z.number(),
  }),
)
export type CallNeighbour = z.infer<typeof callNeighbourSchema>

/** Of the calls a filter matches, how many are reviewed (their review has a verdict). */
export const reviewProgressSchema = lazySchema(() => z.object({ reviewed: z.number(), total: z.number() }))
export type ReviewProgress = z.infer<typeof reviewProgressSchema>

export const RECORDING_KINDS = ['full', 'customer'] as const
export const recordingKindSchema = lazySchema(() => z.enum(RECORDING_KINDS))
export type RecordingKind = z.infer<typeof recordingKindSchema>

/** A cached recording as the renderer sees it: no file path (the media protocol serves it). */
export const callRecordingSchema = lazySchema(() =>
  z.object({
    kind: recordingKindSchema,
    bytes: z.number(),
    sha256: z.string(),
    durationMs: z.number().nullable(),
    sampleRate: z.number().nullable(),
    /** Number of values in the cached waveform peaks (0 when none); one per bucket. */
    peakCount: z.number(),
  }),
)
export type CallRecording = z.infer<typeof callRecordingSchema>

/** A recording the call is stored without; `message` is the technical detail (no URL query). */
export const unavailableRecordingSchema = lazySchema(() =>
  z.object({
    kind: recordingKindSchema,
    reason: recordingUnavailableReasonSchema,
    message: z.string(),
    /** When it was last tried. */
    at: z.string(),
  }),
)
export type UnavailableRecording = z.infer<typeof unavailableRecordingSchema>

export const callErrorSchema = lazySchema(() => z.object({ code: z.string(), message: z.string(), at: z.string() }))
export type CallError = z.infer<typeof callErrorSchema>

export const cachedCallSchema = lazySchema(() =>
  z.object({
    /** Detail-only fields are null and the transcript empty until the detail is fetched. */
    call: callDetailSchema,
    taskName: z.string().nullable(),
    detailFetchedAt: z.string().nullable(),
    recordings: z.array(callRecordingSchema),
    /** Recordings that cannot be had; a kind that is cached is never listed here. */
    unavailableRecordings: z.array(unavailableRecordingSchema),
    review: reviewSchema.nullable(),
    error: callErrorSchema.nullable(),
  }),
)
export type CachedCall = z.infer<typeof cachedCallSchema>

/**
 * A cached recording ready to play and draw: a URL the transport serves (never a file path) and
 * the peaks computed at sync time, sent as the base64 of their little-endian Float32 bytes — a
 * tenth of the parse work of a JSON number array, and the same string over IPC and HTTP.
 */
export const playableRecordingSchema = lazySchema(() =>
  z.object({
    kind: recordingKindSchema,
    /** calllens-media://… in the app, /media/… in browser mode. */
    url: z.string(),
    durationMs: z.number(),
    /**
     * The signed sample of largest magnitude per bucket, `peaksPerSecond` buckets a second, for
     * wavesurfer `peaks`; '' when none.
     */
    peaksBase64: z.string().base64(),
    /** 100 (as cached) unless a coarser resolution was asked for: 100 divided by a whole number. */
    peaksPerSecond: z.number().positive(),
  }),
)
export type PlayableRecording = z.infer<typeof playableRecordingSchema>

/** Everything the review page draws first, in one round trip: no second request before paint. */
export const callForReviewSchema = lazySchema(() =>
  cachedCallSchema.extend({
    /** The task's result names and their allowed values (empty when the task detail is not cached). */
    resultDefs: z.array(resultDefSchema),
    /** The full recording with its peaks; the customer track only says it exists (fetched on demand). */
    full: playableRecordingSchema.nullable(),
    hasCustomerTrack: z.boolean(),
    /** A draft of this call main journaled and has not stored (the page died first), else null. */
    pendingDraft: pendingDraftSchema.nullable(),
  }),
)
export type CallForReview = z.infer<typeof callForReviewSchema>

export const callsChannels = {
  'calls.query': channel(
    () => callQueryInputSchema,
    () => callQueryResultSchema,
  ),
  'calls.facets': channel(
    () => z.strictObject({ filter: callFilterSchema.default({}) }),
    () => callFacetsSchema,
  ),
  /** null at either end of the list (or when the call is not cached). */
  'calls.neighbour': channel(
    () => callNeighbourInputSchema,
    () => callNeighbourSchema.nullable(),
  ),
  'calls.progress': channel(
    () => z.strictObject({ filter: callFilterSchema.default({}) }),
    () => reviewProgressSchema,
  ),
  'calls.get': channel(
    () => z.strictObject({ callInstanceId: positiveId }),
    () => cachedCallSchema,
  ),
  /** `peaks`: the resolution the waveform draws the full track at; all cached peaks when omitted. */
  'calls.open': channel(
    () => z.strictObject({ callInstanceId: positiveId, peaks: peakResolutionSchema.optional() }),
    () => callForReviewSchema,
  ),
}
