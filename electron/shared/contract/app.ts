// app.*: facts about the running application.
import { z } from 'zod'
import { lazySchema } from './lazy-schema'
import { channel } from './channel'

export const appModeSchema = lazySchema(() => z.enum(['electron', 'browser']))
export type AppMode = z.infer<typeof appModeSchema>

export const appInfoSchema = lazySchema(() =>
  z.object({
    name: z.string(),
    version: z.string(),
    mode: appModeSchema,
    dataDir: z.string(),
    platform: z.string(),
    versions: z.record(z.string(), z.string()),
  }),
)
export type AppInfo = z.infer<typeof appInfoSchema>

/** Channels that take nothing accept `undefined` or an empty object, nothing else. */
export const noInput = lazySchema(() => z.union([z.undefined(), z.strictObject({})]).transform(() => undefined))

export const appChannels = {
  'app.info': channel(
    () => noInput,
    () => appInfoSchema,
  ),
}
