// A data directory the browser-mode host can open: a connection profile made through the
// app's own services (conf file + key file), and its cache filled by a real sync or by SQL.
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { CallCache } from '../../electron/services/cache'
import { createNodeServices } from '../../electron/services/create-node-services'
import type { Services } from '../../electron/services/services'
import type { SyncProgress } from '../../electron/shared/contract'

export const REPO_ROOT = join(import.meta.dirname, '../..')

export interface Connection {
  baseUrl: string
  appKey: string
  appSecret: string
  companyId: number
}

export interface ProfileDataDir {
  dataDir: string
  profileId: string
  cache: CallCache
  /** Syncs one task (or all) into the cache, as the app's "sync" button does. */
  sync(taskId?: number): Promise<SyncProgress>
  /** Closes the cache so a host process can open the directory. */
  close(): void
}

export function createProfileDataDir(connection: Connection, name = 'bench'): ProfileDataDir {
  const dataDir = mkdtempSync(join(tmpdir(), `calllens-bench-${name}-`))
  const services: Services = createNodeServices({ dataDir, appRoot: REPO_ROOT })
  const view = services.profiles.save({ name: `Bench ${name}`, ...connection })
  const workspace = services.workspace.current()
  return {
    dataDir,
    profileId: view.id,
    cache: workspace.cache,
    async sync(taskId) {
      const target = {
        profileId: view.id,
        profileDir: workspace.dir,
        client: services.workspace.client(),
        cache: workspace.cache,
      }
      services.sync.start(target, taskId)
      const progress = (await services.sync.wait())!
      if (progress.phase !== 'done') throw new Error(`sync ended ${progress.phase}`)
      return progress
    },
    close: () => services.workspace.close(),
  }
}
