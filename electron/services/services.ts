// Everything a route handler may use, built once per process by the transport's entry.
import type { AppInfo } from '../shared/contract'
import type { EventBus } from './events/event-bus'
import type { SettingsService } from './settings/settings-service'

export interface Services {
  appInfo: AppInfo
  settings: SettingsService
  events: EventBus
}
