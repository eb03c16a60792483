import type { Routes } from './route-table'

export const syncRoutes: Routes<'sync'> = {
  'sync.start': async (input, { sync, workspace, demo }) => {
    const { profile } = workspace.current()
    await demo.prepareSync(profile.id)
    const open = workspace.current()
    return sync.start(
      { profileId: open.profile.id, profileDir: open.dir, client: workspace.client(), cache: open.cache },
      input.taskId,
    )
  },
  'sync.cancel': (_input, { sync }) => ({ cancelled: sync.cancel() }),
  'sync.status': (_input, { sync }) => sync.status(),
}
