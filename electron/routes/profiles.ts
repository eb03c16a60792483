import { AppFailure } from '../shared/contract'
import type { Routes } from './route-table'

export const profilesRoutes: Routes<'profiles'> = {
  'profiles.list': (_input, { profiles }) => profiles.list(),
  'profiles.save': (input, { profiles }) => profiles.save(input),
  'profiles.test': async (input, { profiles, workspace }) => {
    const appSecret = input.appSecret ?? (input.id ? profiles.credentials(input.id).appSecret : undefined)
    if (!appSecret) throw new AppFailure('invalid_input', 'An app secret is required to test a new connection')
    const result = await workspace.clientFor({ ...input, appSecret }).testConnection()
    return { ok: true as const, taskCount: result.taskCount }
  },
  'profiles.activate': (input, { profiles, workspace }) => {
    workspace.close()
    return profiles.activate(input.id)
  },
  'profiles.remove': (input, { profiles, workspace }) => {
    workspace.close()
    return profiles.remove(input.id)
  },
  'profiles.connection': async (_input, { profiles, workspace }) => {
    const checkedAt = new Date().toISOString()
    if (profiles.list().activeId === null) return { state: 'none' as const, checkedAt, code: null }
    const { online, code } = await workspace.probe()
    return { state: online ? ('online' as const) : ('offline' as const), checkedAt, code }
  },
}
