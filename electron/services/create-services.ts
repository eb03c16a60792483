// Builds the service graph for either transport; only the stores and the media URL differ.
import { createAppInfo, type AppInfoSource } from './app/app-info-service'
import { DemoService } from './demo/demo-service'
import { EventBus } from './events/event-bus'
import { ExportDownloads } from './export/export-downloads'
import type { RecordingKind } from './media/media-source'
import { ProfileService, type ProfilesBackend } from './profiles/profile-service'
import type { SecretStore } from './profiles/secret-store'
import type { ChooseExportPath, Services } from './services'
import { SettingsService, type SettingsBackend } from './settings/settings-service'
import { startActiveProfileSync } from './sync/start-profile-sync'
import { SyncScheduler } from './sync/sync-scheduler'
import { SyncService } from './sync/sync-service'
import { TeamReviewCompanion, type TeamReviewTiming } from './team/team-review-companion'
import { TeamService, type StartTeamCompanion, type TeamTiming } from './team/team-service'
import { noUpdates, type Updates } from './updates/updates'
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
  /** The app's save dialog for exports; without it exports go out as download links. */
  chooseExportPath?: ChooseExportPath
  /** Team connections' probe and pull intervals (tests shorten them). */
  team?: TeamTiming
  /** What runs beside an open team connection; by default the review sync (tests replace it). */
  teamCompanions?: StartTeamCompanion[]
  /** The review sync's round interval, poke reconnect wait and retries (tests shorten them). */
  teamReviews?: TeamReviewTiming
  /** The app's updates, built on the settings (the feed URL) and the events (status to the window). */
  updates?: (deps: { settings: SettingsService; events: EventBus }) => Updates
}

export function createServices(info: AppInfoSource, backends: ServiceBackends): Services {
  const events = new EventBus()
  const profiles = new ProfileService(backends.profiles, backends.secrets, info.dataDir)
  const settings = new SettingsService(backends.settings, events)
  const workspace = new WorkspaceService(info.dataDir, profiles, { concurrency: backends.concurrency })
  const sync = new SyncService(events, {
    concurrency: backends.concurrency,
    onFinished: (progress, errorTotal) => {
      // Fetching one call from its review page is not a sync of the account: "last sync" skips it.
      if (progress.scope === 'call') return
      profiles.recordSync(progress.profileId, {
        finishedAt: progress.finishedAt ?? new Date().toISOString(),
        phase: progress.phase === 'failed' || progress.phase === 'cancelled' ? progress.phase : 'done',
        errors: errorTotal,
        failureCode: progress.failure?.code ?? null,
      })
    },
  })
  const demo = new DemoService(profiles, backends.demoDataset)
  const teamReviews = new TeamReviewCompanion(events, backends.teamReviews)
  const team = new TeamService(
    profiles,
    workspace,
    events,
    backends.team,
    backends.teamCompanions ?? [teamReviews.start],
  )
  return {
    appInfo: createAppInfo(info),
    settings,
    events,
    profiles,
    workspace,
    sync,
    demo,
    team,
    teamReviews,
    // Started by the app and browser mode only: the CLI runs its own one-off sync.
    scheduler: new SyncScheduler({
      settings,
      events,
      busy: () => sync.busy,
      // A team profile's calls come from its team database: its schedule is a pull of the held calls.
      startSync: () => (team.connection() ? team.require().pull() : startActiveProfileSync({ sync, workspace, demo })),
      onSkipped: (error) =>
        console.error('CallLens: scheduled sync skipped:', error instanceof Error ? error.message : error),
    }),
    mediaUrl: backends.mediaUrl,
    chooseExportPath: backends.chooseExportPath,
    exportDownloads: new ExportDownloads(workspace),
    updates: backends.updates?.({ settings, events }) ?? noUpdates,
  }
}
