// Whether what a query read may have changed since: a key to keep derived results (a search's
// matches, a filter's counts) while it stays the same.
import type { Db } from './database'

export class DataVersion {
  private readonly changes

  constructor(private readonly db: Db) {
    this.changes = db.prepare('SELECT total_changes()').pluck()
  }

  /**
   * Changes by this connection (sync writes through it) move total_changes(); commits by other
   * connections (the review store's, another process's) move the files' data_version.
   */
  current(): string {
    const versions = ['main', 'rv'].map((schema) => this.db.pragma(`${schema}.data_version`, { simple: true }))
    return JSON.stringify([this.changes.get(), versions])
  }
}
