// export.*: the filtered call list with reviews as a file (same columns as the CLI export).
import { z } from 'zod'
import { channel } from './channel'
import { callFilterSchema } from './calls'
import { profileIdSchema } from './profiles'

export const EXPORT_FORMATS = ['csv', 'xlsx', 'json'] as const

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
      /** Another profile's calls (its reviews before removing it); default the active profile. */
      profileId: profileIdSchema.optional(),
    }),
    exportFileSchema,
  ),
}
