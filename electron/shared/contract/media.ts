// media.*: what the player needs to draw and stream one cached recording (the review page gets
// the full track with calls.open; this serves a track asked for later, such as the customer's).
import { z } from 'zod'
import { channel } from './channel'
import { playableRecordingSchema, recordingKindSchema } from './calls'
import { peakResolutionSchema } from './peak-resolution'

export const mediaChannels = {
  'media.recording': channel(
    () =>
      z.strictObject({
        callInstanceId: z.number().int().positive(),
        kind: recordingKindSchema.default('full'),
        /** As in calls.open: a zoomed-in waveform asks again with a finer one. */
        peaks: peakResolutionSchema.optional(),
      }),
    () => playableRecordingSchema.nullable(),
  ),
}
