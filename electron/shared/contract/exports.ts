// export.*: the filtered call list with reviews, the customers not dialed yet or the tasks'
// progress, as a file (same columns as the CLI export), streamed by main to where it goes.
import { z } from 'zod'
import { lazySchema } from './lazy-schema'
import { channel } from './channel'
import { callFilterSchema } from './calls'
import { profileIdSchema } from './profiles'
import { languageSchema } from './settings'

export const EXPORT_FORMATS = ['csv', 'xlsx', 'json'] as const
export type ExportFormat = (typeof EXPORT_FORMATS)[number]
/**
 * calls: the filtered calls; not-dialed and tasks: those of the filter's task, or of every task;
 * queue: a review queue's calls in queue order (`queueId`).
 */
export const EXPORT_WHATS = ['calls', 'not-dialed', 'tasks', 'queue'] as const
export type ExportWhat = (typeof EXPORT_WHATS)[number]

/**
 * Where the export went. The app: main asked where to save it and streamed it there (`saved`), or
 * the reviewer cancelled. Browser mode has no save dialog: the renderer opens `url` (on the host,
 * single-use) and the browser's own download saves the stream; `rows` is the count when it was asked.
 */
export const exportResultSchema = lazySchema(() =>
  z.discriminatedUnion('outcome', [
    z.object({
      outcome: z.literal('saved'),
      path: z.string(),
      fileName: z.string(),
      rows: z.number(),
      bytes: z.number(),
    }),
    z.object({ outcome: z.literal('cancelled') }),
    z.object({ outcome: z.literal('download'), url: z.string(), fileName: z.string(), rows: z.number() }),
  ]),
)
export type ExportResult = z.infer<typeof exportResultSchema>

export const exportRequestSchema = lazySchema(() =>
  z
    .strictObject({
      filter: callFilterSchema.default({}),
      format: z.enum(EXPORT_FORMATS),
      what: z.enum(EXPORT_WHATS).default('calls'),
      /** The header row's language (the UI's); JSON keys stay the stable English ones. */
      language: languageSchema.default('zh-CN'),
      /** Another profile's calls (its reviews before removing it); default the active profile. */
      profileId: profileIdSchema.optional(),
      /** The review queue to export (what: 'queue'). */
      queueId: z.number().int().positive().optional(),
    })
    .refine((request) => (request.what === 'queue') === (request.queueId !== undefined), {
      message: 'queueId goes with what: "queue", and only with it',
      path: ['queueId'],
    }),
)
export type ExportRequestInput = z.input<typeof exportRequestSchema>

export const exportChannels = {
  'export.calls': channel(
    () => exportRequestSchema,
    () => exportResultSchema,
  ),
}
