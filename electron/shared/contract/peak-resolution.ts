// How finely a waveform asks for a recording's peaks: the cache keeps them at 100 a second, and a
// 60-minute call drawn at its default zoom needs a fifth of that, so the player says what it draws.
import { z } from 'zod'
import { lazySchema } from './lazy-schema'
import { PEAKS_STORED_PER_SECOND } from './constants'

export const peakResolutionSchema = lazySchema(() =>
  z.strictObject({
    /** At least this many values a second (a waveform's bars a second at its zoom). */
    perSecond: z.number().positive().max(PEAKS_STORED_PER_SECOND),
    /** And at least this many in all (a short call drawn across the whole waveform's width). */
    atLeast: z.number().int().min(1).max(1_000_000),
  }),
)
export type PeakResolution = z.infer<typeof peakResolutionSchema>
