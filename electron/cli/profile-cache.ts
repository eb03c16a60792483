// Opening the cache of a data directory's active profile (or its only one) for a command that
// reads: never creates a data directory, a profile or an empty cache out of a typo.
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { AppFailure } from '../shared/contract'
import type { CallCache } from '../services/cache'
import { createNodeServices } from '../services/create-node-services'
import type { ProfileService } from '../services/profiles/profile-service'

/** The active profile, or else the only one (made active, as the app would). */
function ensureActiveProfile(profiles: ProfileService): void {
  const { profiles: all, activeId } = profiles.list()
  if (activeId) return
  if (all.length === 1) profiles.activate(all[0]!.id)
  else if (all.length === 0) throw new AppFailure('no_profile', 'No connection profile')
  else throw new AppFailure('no_profile', 'Several connection profiles and none is active')
}

/** Runs fn with the profile's cache and closes it after, whatever fn does. */
export async function withProfileCache<T>(dataDir: string, fn: (cache: CallCache) => Promise<T> | T): Promise<T> {
  if (!existsSync(dataDir)) throw new AppFailure('not_found', `No CallLens data directory at ${dataDir}`)
  const { profiles, workspace } = createNodeServices({ dataDir, appRoot: join(import.meta.dirname, '../..') })
  try {
    ensureActiveProfile(profiles)
    return await fn(workspace.current().cache)
  } finally {
    workspace.close()
  }
}
