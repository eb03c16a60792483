// insights.*: the QA insight of the cached calls (issue 15's definitions, electron/shared/insight) for
// the insights page: one task or all tasks summed up, and each call's slowest AI answer for its histogram.
import { z } from 'zod'
import { lazySchema } from './lazy-schema'
import { channel } from './channel'

const positiveId = lazySchema(() => z.number().int().positive())

const tagAccuracySchema = lazySchema(() =>
  z.object({
    name: z.string(),
    checked: z.number(),
    confirmed: z.number(),
    agreement: z.number(),
    agreementLow: z.number(),
    agreementHigh: z.number(),
    /** robot null: a missed check (the robot gave no value of this name). */
    matrix: z.array(z.object({ robot: z.string().nullable(), reviewer: z.string(), calls: z.number() })),
  }),
)

/** A task's row of the `stats` report without its id: one task's, or every task's calls taken together. */
export const insightOverviewSchema = lazySchema(() =>
  z.object({
    /** The task summed up; null: every task. */
    taskId: z.number().nullable(),
    calls: z.number(),
    reviewed: z.number(),
    aiLatencyP50Ms: z.number().nullable(),
    aiLatencyP90Ms: z.number().nullable(),
    bargeInCalls: z.number(),
    aiUnknownCalls: z.number(),
    /** content null: hung up before any AI line. */
    dropOff: z.array(z.object({ content: z.string().nullable(), calls: z.number() })),
    accuracy: z.array(tagAccuracySchema),
    /** Every call's aiLatencyMaxMs (calls with an AI-latency pair only), ascending. */
    aiLatencyMaxMs: z.array(z.number()),
  }),
)
export type InsightOverview = z.infer<typeof insightOverviewSchema>

export const insightsChannels = {
  /** Every cached task's calls, or one task's (not_found for a task the cache has never seen). */
  'insights.report': channel(
    () => z.strictObject({ taskId: positiveId.optional() }).default({}),
    () => insightOverviewSchema,
  ),
}
