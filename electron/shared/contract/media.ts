// media.*: what the player needs to draw and stream a cached recording — a URL the
// transport serves (never a file path) and the peaks computed at sync time.
import { z } from 'zod'
import { channel } from './channel'
import { recordingKindSchema } from './calls'

export const playableRecordingSchema = z.object({
  kind: recordingKindSchema,
  /** calllens-media://… in the app, /media/… in browser mode. */
  url: z.string(),
  durationMs: z.number(),
  /** One value per 10 ms (signed sample of largest magnitude), for wavesurfer `peaks`. */
  peaks: z.array(z.number()),
})
export type PlayableRecording = z.infer<typeof playableRecordingSchema>

export const mediaChannels = {
  'media.recording': channel(
    z.strictObject({ callInstanceId: z.number().int().positive(), kind: recordingKindSchema.default('full') }),
    playableRecordingSchema.nullable(),
  ),
}
