// queues.*: review queues — a seeded, stratified sample of a task's unreviewed calls, saved with a
// name in the profile's cache; its progress and N / P through it (its export is export.calls, what: 'queue').
import { z } from 'zod'
import { lazySchema } from './lazy-schema'
import { channel } from './channel'

const positiveId = lazySchema(() => z.number().int().positive())

/** What a stratum is cut by: one result name's value, the duration bucket, the finish status or who hung up. */
export const queueDimensionSchema = lazySchema(() =>
  z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('result'), name: z.string().min(1).max(200) }),
    z.strictObject({ kind: z.literal('duration') }),
    z.strictObject({ kind: z.literal('finishStatus') }),
    z.strictObject({ kind: z.literal('hungUpBy') }),
  ]),
)
export type QueueDimension = z.infer<typeof queueDimensionSchema>

/** Duration buckets (seconds, lower bound inclusive): the value a call's duration stratum takes. */
export const DURATION_BUCKETS = [
  { id: '0-29', min: 0 },
  { id: '30-59', min: 30 },
  { id: '60-119', min: 60 },
  { id: '120+', min: 120 },
] as const

export const queueSizingSchema = lazySchema(() =>
  z.discriminatedUnion('kind', [
    /** The same number of calls from every stratum (all of a smaller one). */
    z.strictObject({ kind: z.literal('perStratum'), size: z.number().int().min(1).max(10_000) }),
    /** `total` calls spread in proportion to each stratum's size, but at least `min` from each. */
    z.strictObject({
      kind: z.literal('proportional'),
      total: z.number().int().min(1).max(100_000),
      min: z.number().int().min(0).max(10_000),
    }),
  ]),
)
export type QueueSizing = z.infer<typeof queueSizingSchema>

export const queuePlanSchema = lazySchema(() =>
  z.strictObject({
    taskId: positiveId,
    dimensions: z
      .array(queueDimensionSchema)
      .min(1)
      .max(4)
      .refine((dims) => new Set(dims.map((d) => JSON.stringify(d))).size === dims.length, 'a dimension is repeated'),
    sizing: queueSizingSchema,
    /** Same seed and same calls: the same queue. */
    seed: z
      .number()
      .int()
      .min(0)
      .max(2 ** 32 - 1),
  }),
)
export type QueuePlan = z.infer<typeof queuePlanSchema>

/** One stratum: its value per dimension (null: the call has none), unreviewed calls in it, and how many are taken. */
export const queueStratumSchema = lazySchema(() =>
  z.object({
    values: z.array(z.string().nullable()),
    available: z.number(),
    size: z.number(),
  }),
)
export type QueueStratum = z.infer<typeof queueStratumSchema>

export const queuePreviewSchema = lazySchema(() =>
  z.object({
    strata: z.array(queueStratumSchema),
    /** Unreviewed calls of the task (the ones a queue draws from). */
    available: z.number(),
    /** Calls the queue would hold. */
    size: z.number(),
  }),
)
export type QueuePreview = z.infer<typeof queuePreviewSchema>

export const queueSummarySchema = lazySchema(() =>
  z.object({
    id: z.number(),
    name: z.string(),
    taskId: z.number(),
    taskName: z.string().nullable(),
    plan: queuePlanSchema,
    createdAt: z.string(),
    total: z.number(),
    /** Calls of the queue that are reviewed now (their review has a verdict). */
    reviewed: z.number(),
    /** The first call of the queue not reviewed yet; null when it is done. */
    nextCallInstanceId: z.number().nullable(),
  }),
)
export type QueueSummary = z.infer<typeof queueSummarySchema>

const queueId = lazySchema(() => z.strictObject({ queueId: positiveId }))

export const queuesChannels = {
  'queues.preview': channel(
    () => queuePlanSchema,
    () => queuePreviewSchema,
  ),
  'queues.create': channel(
    () => z.strictObject({ name: z.string().trim().min(1).max(200), plan: queuePlanSchema }),
    () => queueSummarySchema,
  ),
  'queues.list': channel(
    () => z.strictObject({}).default({}),
    () => z.array(queueSummarySchema),
  ),
  'queues.remove': channel(
    () => queueId,
    () => z.object({ removed: z.boolean() }),
  ),
  /** N / P inside a queue: null at either end, or when the call is not in it. */
  'queues.neighbour': channel(
    () => z.strictObject({ queueId: positiveId, callInstanceId: positiveId, direction: z.enum(['next', 'previous']) }),
    () => z.object({ callInstanceId: z.number(), position: z.number() }).nullable(),
  ),
}
