// updates.*: the installed app's own updates (electron-updater against the feed URL in Settings).
import { z } from 'zod'
import { lazySchema } from './lazy-schema'
import { noInput } from './app'
import { channel } from './channel'

export const UPDATE_ERROR_CODES = ['feed_unreachable', 'download_failed'] as const

export const updateStatusSchema = lazySchema(() =>
  z.discriminatedUnion('state', [
    /** Browser mode, or the app run from a checkout: there is no installed app to update. */
    z.object({ state: z.literal('unsupported') }),
    /** No feed URL in Settings (the default): CallLens never looks for updates. */
    z.object({ state: z.literal('off') }),
    /** A feed is set; no check has finished yet. */
    z.object({ state: z.literal('idle') }),
    z.object({ state: z.literal('checking') }),
    z.object({ state: z.literal('up-to-date'), checkedAt: z.string() }),
    /** Downloading in the background; nothing changes for the reviewer until they quit. */
    z.object({ state: z.literal('downloading'), version: z.string(), percent: z.number().min(0).max(100) }),
    /** Downloaded: installed when CallLens quits, never while it runs. */
    z.object({ state: z.literal('ready'), version: z.string() }),
    z.object({ state: z.literal('error'), code: z.enum(UPDATE_ERROR_CODES), message: z.string() }),
  ]),
)
export type UpdateStatus = z.infer<typeof updateStatusSchema>

/** Empty (updates off) or the http(s) directory that holds electron-builder's latest*.yml. */
export const updateFeedUrlSchema = lazySchema(() =>
  z.union([
    z.literal(''),
    z
      .string()
      .trim()
      .max(500)
      .url()
      .refine((url) => /^https?:\/\//i.test(url), 'Only http(s) feed URLs'),
  ]),
)

export const updatesChannels = {
  'updates.status': channel(
    () => noInput,
    () => updateStatusSchema,
  ),
  /** Looks now (About's "check for updates"); a found update downloads in the background. */
  'updates.check': channel(
    () => noInput,
    () => updateStatusSchema,
  ),
}
