// Builds the service graph for either transport; only the stores and the media URL differ.
import { createAppInfo, type AppInfoSource } from './app/app-info-service'
import { DemoService } from './demo/demo-service'
import { EventBus } from './events/event-bus'
import type { RecordingKind } from './media/media-source'
import { ProfileService, type ProfilesBackend } from './profiles/profile-service'
import type { SecretStore } from './profiles/secret-store'
import type { Services } from './services'
import { SettingsService, type SettingsBackend } from './settings/settings-service'
import { SyncService } from './sync/sync-service'
import { WorkspaceService } from './workspace/workspace-service'

export interface ServiceBackends {
  settings: SettingsBackend
  profiles: ProfilesBackend
  secrets: SecretStore
  mediaUrl(callInstanceId: number, kind: RecordingKind): string
  /** Requests in flight at once per BYRobot client (default 6). */
  concurrency?: number
  /** The bundled demo dataset directory (resources/demo of the app). */
  demoDataset: string
}

export function createServices(info: AppInfoSource, backends: ServiceBackends): Services {
  const events = new EventBus()
  const profiles = new ProfileService(backends.profiles, backends.secrets, info.dataDir)
  return {
    appInfo: createAppInfo(info),
    settings: new SettingsService(backends.settings, events),
    events,
    profiles,
    workspace: new WorkspaceService(info.dataDir, profiles, { concurrency: backends.concurrency }),
    sync: new SyncService(events, backends.concurrency),
    demo: new DemoService(profiles, backends.demoDataset),
    mediaUrl: backends.mediaUrl,
  }
}
