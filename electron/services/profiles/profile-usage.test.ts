// What the Connections page shows for a profile it does not have open: read from its files.
import Database from 'better-sqlite3'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { CallCache } from '../cache'
import { profileDirectory, readProfileUsage } from './profile-usage'

function profileWithFiles(): { dataDir: string; reviewsFile: string } {
  const dataDir = mkdtempSync(join(tmpdir(), 'calllens-usage-'))
  const dir = profileDirectory(dataDir, 'p1')
  new CallCache(join(dir, 'cache.db')).close()
  return { dataDir, reviewsFile: join(dir, 'reviews.db') }
}

describe('readProfileUsage', () => {
  it('gives a solo profile no pull time', () => {
    const { dataDir } = profileWithFiles()
    expect(readProfileUsage(dataDir, 'p1')).toMatchObject({ lastSyncedAt: null, lastPulledAt: null, reviews: 0 })
  })

  it('gives a team profile the time its reviews were last pulled from the team, or null before the first pull', () => {
    const { dataDir, reviewsFile } = profileWithFiles()
    const db = new Database(reviewsFile)
    db.prepare("INSERT INTO team_sync_state (id, device_id, member) VALUES (1, 'device-1', '李四')").run()
    expect(readProfileUsage(dataDir, 'p1').lastPulledAt).toBeNull()
    db.prepare("UPDATE team_sync_state SET last_pull_at = '2026-12-05T06:30:00.000Z'").run()
    db.close()
    expect(readProfileUsage(dataDir, 'p1').lastPulledAt).toBe('2026-12-05T06:30:00.000Z')
  })
})
