// Versioned schema migrations keyed on `PRAGMA user_version`: each step runs in its own transaction
// together with the version bump, so a file is always at exactly one known version.
import type { Db } from './database'

/** Migration n (1-based) takes a file from version n-1 to n. Never edit one that has shipped. */
export type Migration = (db: Db) => void

export function schemaVersion(db: Db): number {
  return Number(db.pragma('user_version', { simple: true }))
}

/** Brings the file up to `migrations.length`; a no-op on a file already there. */
export function migrate(db: Db, migrations: readonly Migration[], label: string): void {
  const current = schemaVersion(db)
  if (current > migrations.length) {
    // A newer CallLens wrote this file; writing to it with older code could corrupt its meaning.
    throw new Error(`${label} is at schema version ${current}, newer than this app knows (${migrations.length})`)
  }
  for (let version = current; version < migrations.length; version++) {
    const step = migrations[version]!
    db.transaction(() => {
      // Another process may have migrated between our read and this write lock.
      if (schemaVersion(db) !== version) return
      step(db)
      db.pragma(`user_version = ${version + 1}`)
    }).immediate()
  }
}
