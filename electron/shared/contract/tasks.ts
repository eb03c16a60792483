// tasks.*: tasks as cached, with their sync state; detail with stats and not-dialed customers.
import { z } from 'zod'
import { lazySchema } from './lazy-schema'
import { reviewProgressSchema } from './calls'
import { channel } from './channel'
import { notDialedCustomerSchema, taskDetailSchema, taskSchema } from './domain'

export const taskSyncStateSchema = lazySchema(() =>
  z.object({
    lastSyncedAt: z.string().nullable(),
    /** Calls wholly cached (detail, transcript, recordings). */
    callsCached: z.number(),
    /** Done calls the API listed at the last sync, null before the first. */
    listTotal: z.number().nullable(),
    recordingsCached: z.number(),
    callErrors: z.number(),
  }),
)
export type TaskSyncState = z.infer<typeof taskSyncStateSchema>

export const taskRowSchema = lazySchema(() =>
  taskSchema.extend({
    sync: taskSyncStateSchema,
    /** Reviewed / all of the task's cached calls: what the calls page shows for this task alone. */
    progress: reviewProgressSchema,
  }),
)
export type TaskRow = z.infer<typeof taskRowSchema>

export const taskFilterSchema = lazySchema(() =>
  z.strictObject({
    name: z.string().max(100).optional(),
    createDate: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/)
      .optional(),
    status: z.number().int().min(0).max(99).optional(),
    includeDeleted: z.boolean().optional(),
  }),
)
export type TaskFilter = z.infer<typeof taskFilterSchema>

export const taskViewSchema = lazySchema(() =>
  z.object({
    detail: taskDetailSchema.nullable(),
    task: taskRowSchema,
  }),
)
export type TaskView = z.infer<typeof taskViewSchema>

const taskId = lazySchema(() => z.strictObject({ taskId: z.number().int().positive() }))

export const tasksChannels = {
  'tasks.list': channel(
    () => taskFilterSchema.default({}),
    () => z.array(taskRowSchema),
  ),
  'tasks.get': channel(
    () => taskId,
    () => taskViewSchema,
  ),
  'tasks.notDialed': channel(
    () => taskId,
    () => z.array(notDialedCustomerSchema),
  ),
}
