// sync.*: pulling tasks and calls from BYRobot into the cache; progress comes as events.
import { z } from 'zod'
import { lazySchema } from './lazy-schema'
import { noInput } from './app'
import { channel } from './channel'
import { errorCodeSchema } from './errors'

/** `partial`: finished, but some tasks or calls did not sync (listed in `errors`). */
export const SYNC_PHASES = ['tasks', 'calls', 'details', 'done', 'partial', 'cancelled', 'failed'] as const

export const syncCallErrorSchema = lazySchema(() =>
  z.object({
    callInstanceId: z.number().nullable(),
    taskId: z.number().nullable(),
    /** The task's name when known, so a reviewer can tell which task failed. */
    taskName: z.string().nullable().optional(),
    code: errorCodeSchema,
    message: z.string(),
  }),
)
export type SyncCallError = z.infer<typeof syncCallErrorSchema>

export const syncProgressSchema = lazySchema(() =>
  z.object({
    jobId: z.string(),
    profileId: z.string(),
    /** The task being synced, or null while listing tasks / when syncing all. */
    taskId: z.number().nullable(),
    /** 'call': just one call, fetched now from its review page. */
    scope: z.enum(['all', 'task', 'call']),
    /** The call a 'call' job fetches, else null. */
    callInstanceId: z.number().nullable(),
    phase: z.enum(SYNC_PHASES),
    tasksDone: z.number(),
    tasksTotal: z.number(),
    callsDone: z.number(),
    callsTotal: z.number(),
    bytes: z.number(),
    errors: z.array(syncCallErrorSchema),
    /** Set when the whole sync failed (bad credentials, network down…). */
    failure: syncCallErrorSchema.nullable(),
    startedAt: z.string(),
    finishedAt: z.string().nullable(),
  }),
)
export type SyncProgress = z.infer<typeof syncProgressSchema>

export const syncChannels = {
  'sync.start': channel(
    () => z.strictObject({ taskId: z.number().int().positive().optional() }),
    () => syncProgressSchema,
  ),
  /** Fetches one call now (detail, transcript, results, recordings), cached or not. */
  'sync.call': channel(
    () => z.strictObject({ callInstanceId: z.number().int().positive() }),
    () => syncProgressSchema,
  ),
  'sync.cancel': channel(
    () => noInput,
    () => z.object({ cancelled: z.boolean() }),
  ),
  'sync.status': channel(
    () => noInput,
    () => syncProgressSchema.nullable(),
  ),
}
