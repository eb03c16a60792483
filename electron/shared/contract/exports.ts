// export.*: the filtered call list with reviews, the customers not dialed yet or the tasks'
// progress, as a file (same columns as the CLI export).
import { z } from 'zod'
import { channel } from './channel'
import { callFilterSchema } from './calls'
import { profileIdSchema } from './profiles'

export const EXPORT_FORMATS = ['csv', 'xlsx', 'json'] as const
export type ExportFormat = (typeof EXPORT_FORMATS)[number]
/** calls: the filtered calls; not-dialed and tasks: those of the filter's task, or of every task. */
export const EXPORT_WHATS = ['calls', 'not-dialed', 'tasks'] as const
export type ExportWhat = (typeof EXPORT_WHATS)[number]

export const exportFileSchema = z.object({
  fileName: z.string(),
  mimeType: z.string(),
  /** The file's bytes, base64: the renderer turns them into a download. */
  base64: z.string(),
  count: z.number(),
})
export type ExportFile = z.infer<typeof exportFileSchema>

export const exportChannels = {
  'export.calls': channel(
    z.strictObject({
      filter: callFilterSchema.default({}),
      format: z.enum(EXPORT_FORMATS),
      what: z.enum(EXPORT_WHATS).default('calls'),
      /** Another profile's calls (its reviews before removing it); default the active profile. */
      profileId: profileIdSchema.optional(),
    }),
    exportFileSchema,
  ),
}
