// settings.*: the reviewer's preferences, persisted by main.
import { z } from 'zod'
import { lazySchema } from './lazy-schema'
import { channel } from './channel'
import { noInput } from './app'

import { LANGUAGES, THEMES } from './constants'
import { updateFeedUrlSchema } from './updates'

export { LANGUAGES, SYNC_INTERVALS_MINUTES, THEMES } from './constants'

export const languageSchema = lazySchema(() => z.enum(LANGUAGES))
export const themeSchema = lazySchema(() => z.enum(THEMES))
export type Language = z.infer<typeof languageSchema>
export type Theme = z.infer<typeof themeSchema>

/** Action name → key combination (e.g. `"playPause": "Space"`); filled in by the review workspace. */
export const keymapSchema = lazySchema(() => z.record(z.string().min(1).max(64), z.string().min(1).max(64)))

export const settingsSchema = lazySchema(() =>
  z.object({
    language: languageSchema,
    theme: themeSchema,
    keymap: keymapSchema,
    /** Jump back this many ms whenever playback resumes (transcription players do this); 0 = off. */
    rewindOnResumeMs: z.number().int().min(0).max(5000),
    /** Pause playback while the reviewer types a note or comment. */
    pauseWhileTyping: z.boolean(),
    /** Sync the active connection this often while CallLens is open (incremental); 0 = off. */
    syncEveryMinutes: z
      .number()
      .int()
      .min(0)
      .max(24 * 60),
    /** Where the installed app looks for updates (electron-updater's generic provider); '' = never. */
    updateFeedUrl: updateFeedUrlSchema,
  }),
)
export type Settings = z.infer<typeof settingsSchema>

export const settingsPatchSchema = lazySchema(() => settingsSchema.partial().strict())
export type SettingsPatch = z.infer<typeof settingsPatchSchema>

export const settingsChannels = {
  'settings.get': channel(
    () => noInput,
    () => settingsSchema,
  ),
  'settings.set': channel(
    () => settingsPatchSchema,
    () => settingsSchema,
  ),
}
