// Everything a route handler may use, built once per process by the transport's entry.
import type { AppInfo, ExportFormat } from '../shared/contract'
import type { DemoService } from './demo/demo-service'
import type { EventBus } from './events/event-bus'
import type { ExportDownloads } from './export/export-downloads'
import type { RecordingKind } from './media/media-source'
import type { ProfileService } from './profiles/profile-service'
import type { SettingsService } from './settings/settings-service'
import type { SyncScheduler } from './sync/sync-scheduler'
import type { SyncService } from './sync/sync-service'
import type { TeamReviewCompanion } from './team/team-review-companion'
import type { TeamService } from './team/team-service'
import type { Updates } from './updates/updates'
import type { WorkspaceService } from './workspace/workspace-service'

export interface Services {
  appInfo: AppInfo
  settings: SettingsService
  events: EventBus
  profiles: ProfileService
  workspace: WorkspaceService
  sync: SyncService
  demo: DemoService
  /** Team mode: the active team profile's connection to its team database, and its replica. */
  team: TeamService
  /** Team mode's reviews: the active team profile's review sync (note conflicts are asked of it). */
  teamReviews: TeamReviewCompanion
  /** "Sync every N minutes"; the transports start it, the CLI does not. */
  scheduler: SyncScheduler
  /** The URL the renderer's player streams a cached recording from (transport-specific). */
  mediaUrl(callInstanceId: number, kind: RecordingKind): string
  /**
   * The app's save dialog: where to write an export (null: the reviewer cancelled). Absent in
   * browser mode, where the host streams the export to the browser's download (exportDownloads).
   */
  chooseExportPath?: ChooseExportPath
  exportDownloads: ExportDownloads
  /** The installed app's updates (Electron only; elsewhere always 'unsupported'). */
  updates: Updates
}

export type ChooseExportPath = (suggestion: { fileName: string; format: ExportFormat }) => Promise<string | null>
