// Builds the service graph for either transport; only the settings backend differs.
import { createAppInfo, type AppInfoSource } from './app/app-info-service'
import { EventBus } from './events/event-bus'
import { SettingsService, type SettingsBackend } from './settings/settings-service'
import type { Services } from './services'

export function createServices(info: AppInfoSource, settingsBackend: SettingsBackend): Services {
  const events = new EventBus()
  return {
    appInfo: createAppInfo(info),
    settings: new SettingsService(settingsBackend, events),
    events,
  }
}
