import { AppFailure } from '../shared/contract'
import type { Services } from '../services/services'
import type { Routes } from './route-table'

/**
 * Before the open cache closes (switching or removing the active profile, starting the demo): a
 * running sync writes into that cache, so it is cancelled and waited for rather than cut off.
 */
export async function closeWorkspace({
  sync,
  workspace,
  team,
}: Pick<Services, 'sync' | 'workspace' | 'team'>): Promise<void> {
  if (sync.cancel()) await sync.wait()
  // A team profile's connection writes its replica into that cache too.
  await team.stop()
  workspace.close()
}

export const profilesRoutes: Routes<'profiles'> = {
  'profiles.list': (_input, { profiles }) => profiles.list(),
  'profiles.save': (input, { profiles }) => profiles.save(input),
  'profiles.test': async (input, { profiles, workspace }) => {
    // Testing an edited profile: what the form leaves empty is the stored value.
    const stored = input.id ? profiles.get(input.id) : null
    const appKey = input.appKey ?? stored?.appKey
    if (!appKey) throw new AppFailure('invalid_input', 'An app key is required to test a new connection')
    const appSecret = input.appSecret ?? (input.id ? profiles.credentials(input.id).appSecret : undefined)
    if (!appSecret) throw new AppFailure('invalid_input', 'An app secret is required to test a new connection')
    const result = await workspace.clientFor({ ...input, appKey, appSecret }).testConnection()
    return { ok: true as const, taskCount: result.taskCount }
  },
  'profiles.activate': async (input, services) => {
    const { profiles } = services
    profiles.get(input.id)
    if (profiles.list().activeId !== input.id) await closeWorkspace(services)
    return profiles.activate(input.id)
  },
  'profiles.remove': async (input, services) => {
    const { profiles } = services
    profiles.get(input.id)
    // Only the active profile can be open or syncing; another one's directory is not in use.
    if (profiles.list().activeId === input.id) await closeWorkspace(services)
    return profiles.remove(input.id)
  },
  'profiles.usage': (_input, { profiles }) => profiles.usage(),
  'profiles.connection': async (_input, { profiles, workspace, team }) => {
    const checkedAt = new Date().toISOString()
    if (profiles.list().activeId === null) return { state: 'none' as const, checkedAt, code: null }
    // A team profile's source is its team database: the connection's own watch answers.
    const teamStatus = team.connection()?.status()
    if (teamStatus) {
      const online = teamStatus.state === 'online'
      return {
        state: online ? ('online' as const) : ('offline' as const),
        checkedAt,
        code: online ? null : teamStatus.error,
      }
    }
    const { online, code } = await workspace.probe()
    return { state: online ? ('online' as const) : ('offline' as const), checkedAt, code }
  },
}
