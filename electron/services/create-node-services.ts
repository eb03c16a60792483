// The service graph outside Electron (browser mode, CLI, tests): conf files and
// 0600 key files in the data directory.
import { join } from 'node:path'
import { version as packageVersion } from '../../package.json'
import type { AppInfoSource } from './app/app-info-service'
import { createServices } from './create-services'
import type { RecordingKind } from './media/media-source'
import { KeyFileSecretStore } from './profiles/secret-store'
import type { Services } from './services'
import type { TeamReviewTiming } from './team/team-review-companion'
import type { StartTeamCompanion, TeamTiming } from './team/team-service'
import { createConfBackend } from './settings/conf-backend'

export interface NodeServicesOptions {
  dataDir: string
  mode?: AppInfoSource['mode']
  version?: string
  mediaUrl?: (callInstanceId: number, kind: RecordingKind) => string
  concurrency?: number
  env?: NodeJS.ProcessEnv
  /** The app's root directory (holding resources/), for the demo dataset. */
  appRoot: string
  team?: TeamTiming
  teamCompanions?: StartTeamCompanion[]
  teamReviews?: TeamReviewTiming
}

/** Browser mode's media route (see host/http-host.ts). */
export const browserMediaUrl = (callInstanceId: number, kind: RecordingKind) => `/media/${callInstanceId}/${kind}`

export function createNodeServices(options: NodeServicesOptions): Services {
  return createServices(
    { mode: options.mode ?? 'browser', dataDir: options.dataDir, version: options.version ?? packageVersion },
    {
      settings: createConfBackend(options.dataDir, 'settings'),
      profiles: createConfBackend(options.dataDir, 'profiles'),
      secrets: new KeyFileSecretStore(options.dataDir, options.env),
      mediaUrl: options.mediaUrl ?? browserMediaUrl,
      concurrency: options.concurrency,
      demoDataset: join(options.appRoot, 'resources', 'demo'),
      team: options.team,
      teamCompanions: options.teamCompanions,
      teamReviews: options.teamReviews,
    },
  )
}
