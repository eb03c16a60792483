// Owns the reviewer's settings: validated on read and write, persisted through a
// key-value store (electron-store in the app, conf elsewhere — same API).
import { DEFAULT_SETTINGS, settingsSchema, type Settings, type SettingsPatch } from '../../shared/contract'
import type { EventBus } from '../events/event-bus'

/** The part of conf / electron-store the service uses. */
export interface SettingsBackend {
  store: Record<string, unknown>
}

export class SettingsService {
  constructor(
    private readonly backend: SettingsBackend,
    private readonly events: EventBus,
  ) {}

  get(): Settings {
    // Each key falls back to its default on its own, so one bad value (a hand
    // edit, an older version) does not wipe the others.
    const stored = this.backend.store
    const settings = { ...DEFAULT_SETTINGS }
    for (const key of Object.keys(DEFAULT_SETTINGS) as (keyof Settings)[]) {
      const parsed = settingsSchema.shape[key].safeParse(stored[key])
      if (parsed.success) Object.assign(settings, { [key]: parsed.data })
    }
    return settings
  }

  set(patch: SettingsPatch): Settings {
    const next = settingsSchema.parse({ ...this.get(), ...patch })
    this.backend.store = next
    this.events.emit('settings.changed', next)
    return next
  }
}
