// Whether what a query read may have changed since: a key to keep derived results (a search's
// matches, a filter's counts) while it stays the same.
import type { Db } from './database'

export class DataVersion {
  private readonly changes
  /** Rows this connection wrote to its own temp tables: derived results, not data. */
  private tempChanges = 0

  constructor(private readonly db: Db) {
    this.changes = db.prepare('SELECT total_changes()').pluck()
  }

  /**
   * Changes by this connection (sync writes through it) move total_changes(); commits by other
   * connections (the review store's, another process's) move the files' data_version.
   */
  current(): string {
    const versions = ['main', 'rv'].map((schema) => this.db.pragma(`${schema}.data_version`, { simple: true }))
    return JSON.stringify([Number(this.changes.get()) - this.tempChanges, versions])
  }

  /**
   * The cache file's part alone (this connection's writes and other connections' commits to it):
   * what is derived from the calls only is kept across review saves, which move the reviews file.
   */
  cacheFile(): string {
    const version = this.db.pragma('main.data_version', { simple: true })
    return JSON.stringify([Number(this.changes.get()) - this.tempChanges, version])
  }

  /**
   * Runs writes to temp tables (a search's matches) without moving the version: refilling the
   * matches for another text must not throw away what was derived from the same data (counts).
   */
  writingTemp<T>(write: () => T): T {
    const before = Number(this.changes.get())
    try {
      return write()
    } finally {
      this.tempChanges += Number(this.changes.get()) - before
    }
  }
}
