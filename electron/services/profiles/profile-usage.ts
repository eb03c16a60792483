// What a profile's directory holds (last sync or pull, cached calls, reviews, bytes on disk), read
// without disturbing the open workspace: read-only SQLite connections and a walk of the files.
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import type { ProfileUsage } from '../../shared/contract'
import { Database, ELECTRON_BINDING_ENV, type Db } from '../cache/database'

/** Where a profile's cache, reviews and recordings live. */
export function profileDirectory(dataDir: string, profileId: string): string {
  return join(dataDir, 'profiles', profileId)
}

function diskBytes(dir: string): number {
  let total = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) total += diskBytes(path)
    else if (entry.isFile()) total += statSync(path).size
  }
  return total
}

/** Runs `read` on a read-only connection to `file`; null when there is no such file or it cannot be read. */
function readOnly<T>(file: string, read: (db: Db) => T): T | null {
  if (!existsSync(file)) return null
  const binding = process.versions.electron ? process.env[ELECTRON_BINDING_ENV] : undefined
  let db: Db | null = null
  try {
    db = new Database(file, { readonly: true, fileMustExist: true, ...(binding ? { nativeBinding: binding } : {}) })
    return read(db)
  } catch {
    // A file mid-migration or from a newer version: the page shows "—" rather than failing.
    return null
  } finally {
    db?.close()
  }
}

export function readProfileUsage(dataDir: string, profileId: string): ProfileUsage {
  const dir = profileDirectory(dataDir, profileId)
  const empty: ProfileUsage = {
    id: profileId,
    lastSyncedAt: null,
    lastPulledAt: null,
    cachedCalls: 0,
    reviews: 0,
    diskBytes: 0,
  }
  if (!existsSync(dir)) return empty
  const cache = readOnly(join(dir, 'cache.db'), (db) => ({
    cachedCalls: (db.prepare('SELECT count(*) AS n FROM calls').get() as { n: number }).n,
    lastSyncedAt: (db.prepare('SELECT max(last_synced_at) AS at FROM sync_state').get() as { at: string | null }).at,
  }))
  const reviews = readOnly(join(dir, 'reviews.db'), (db) => ({
    reviews: (db.prepare('SELECT count(*) AS n FROM reviews').get() as { n: number }).n,
    // A team profile's reviews file records its pulls (a solo one has no row).
    lastPulledAt:
      (
        db.prepare('SELECT last_pull_at AS at FROM team_sync_state WHERE id = 1').get() as
          { at: string | null } | undefined
      )?.at ?? null,
  }))
  return { ...empty, ...cache, ...reviews, diskBytes: diskBytes(dir) }
}
