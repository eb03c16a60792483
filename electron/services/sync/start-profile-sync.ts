// Starts a sync of the active profile: the reviewer's Sync buttons and the schedule both come here.
import type { SyncProgress } from '../../shared/contract'
import type { DemoService } from '../demo/demo-service'
import type { WorkspaceService } from '../workspace/workspace-service'
import type { SyncService } from './sync-service'

export interface ProfileSyncDeps {
  sync: SyncService
  workspace: WorkspaceService
  demo: DemoService
}

/** What to sync: everything, one task, or one call. */
export type SyncScope = { taskId?: number } | { callInstanceId: number }

export async function startActiveProfileSync(deps: ProfileSyncDeps, scope: SyncScope = {}): Promise<SyncProgress> {
  const { sync, workspace, demo } = deps
  // The demo's simulator gets a new port per launch: its profile is refreshed before any request.
  await demo.prepareSync(workspace.current().profile.id)
  const open = workspace.current()
  const target = { profileId: open.profile.id, profileDir: open.dir, client: workspace.client(), cache: open.cache }
  if ('callInstanceId' in scope) return sync.startCall(target, scope.callInstanceId)
  return sync.start(target, scope.taskId)
}
