// Events main pushes to the renderer, each with its payload schema.
import { z } from 'zod'
import { lazySchema } from './lazy-schema'
import { callLinkSchema } from '../call-link'
import { profileIdSchema } from './profiles'
import { settingsSchema } from './settings'
import { syncProgressSchema } from './sync'
import { teamStatusSchema } from './team'
import { updateStatusSchema } from './updates'

export const eventSchemas = {
  /** Sent after every successful settings change, to every window. */
  'settings.changed': settingsSchema,
  /** A sync job's state: throttled while it runs, always at a phase change and at the end. */
  'sync.progress': syncProgressSchema,
  /** Electron only: a `calllens://call/ID?t=SECONDS` link was opened; the window goes there. */
  'app.openCall': callLinkSchema,
  /** The team connection changed state, pulled, or its pending ops changed. */
  'team.status': teamStatusSchema,
  /**
   * Reviews the member's other devices changed arrived (merged into this profile's reviews file):
   * the lists read their review columns again, an open review page its review (keeping unsaved edits).
   */
  /** The app's update check or background download changed state. */
  'updates.status': updateStatusSchema,
  'team.reviewsChanged': lazySchema(() =>
    z.object({
      profileId: profileIdSchema,
      callIds: z.array(z.number().int().positive()),
    }),
  ),
}

export type EventName = keyof typeof eventSchemas
export type EventPayload<N extends EventName> = z.infer<(typeof eventSchemas)[N]>
export type AppEvent = { [N in EventName]: { name: N; payload: EventPayload<N> } }[EventName]
