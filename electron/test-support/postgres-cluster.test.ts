// Where the team-mode tests find PostgreSQL's server binaries, and what they say when there are
// none; the run's shared cluster and the team databases cloned from its template.
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { LATEST_VERSION } from '../services/team/team-schema'
import { attachPostgresCluster, findPostgresBin, queryAt } from './postgres-cluster'
import { sharedCluster, stopSharedCluster } from './shared-cluster'
import { cloneTeamDatabase, teamCluster } from './team-cluster'

const tempDir = () => mkdtempSync(join(tmpdir(), 'calllens-pgbin-'))

function fakeInitdb(dir: string): string {
  mkdirSync(dir, { recursive: true })
  writeFileSync(join(dir, 'initdb'), '')
  return dir
}

describe('findPostgresBin', () => {
  it('prefers initdb on PATH', () => {
    const onPath = fakeInitdb(join(tempDir(), 'bin'))
    const debian = tempDir()
    fakeInitdb(join(debian, '15', 'bin'))
    expect(findPostgresBin(`/nonexistent:${onPath}`, debian)).toBe(onPath)
  })

  it("falls back to the newest of Debian's versioned directories, which are not on PATH", () => {
    const debian = tempDir()
    fakeInitdb(join(debian, '9', 'bin'))
    fakeInitdb(join(debian, '15', 'bin'))
    mkdirSync(join(debian, '16', 'bin'), { recursive: true }) // client only: no initdb
    expect(findPostgresBin('', debian)).toBe(join(debian, '15', 'bin'))
  })

  it('fails naming the package to install when there is no server anywhere', () => {
    expect(() => findPostgresBin('/nonexistent', join(tempDir(), 'none'))).toThrow(
      /initdb, pg_ctl\) not found on PATH .*apt-get install postgresql/,
    )
  })
})

describe('team test databases', () => {
  it('clones the migrated template: a new database at the latest schema version, with no members', async () => {
    const cluster = await teamCluster()
    try {
      const [one, two] = await Promise.all([cloneTeamDatabase(cluster), cloneTeamDatabase(cluster)])
      expect(one.name).not.toBe(two!.name)
      expect(one.member('alice')).not.toBe(two!.member('alice'))
      for (const db of [one, two!]) {
        expect(await queryAt(db.url(), 'SELECT max(version) AS v FROM team.schema_version')).toEqual([
          { v: LATEST_VERSION },
        ])
        expect(await queryAt(db.url(), 'SELECT count(*)::int AS n FROM team.member')).toEqual([{ n: 0 }])
      }
    } finally {
      await cluster.stop()
    }
  })

  it('starts one shared cluster however many files ask at once, and the teardown stops it', async () => {
    const runDir = mkdtempSync(join(tmpdir(), 'calllens-pg-run-test-'))
    try {
      const infos = await Promise.all([sharedCluster(runDir), sharedCluster(runDir), sharedCluster(runDir)])
      expect(new Set(infos.map((info) => info.port)).size).toBe(1)
      const cluster = attachPostgresCluster(infos[0]!)
      expect(await queryAt(cluster.url(), "SELECT datname FROM pg_database WHERE datname = 'team_template'")).toEqual([
        { datname: 'team_template' },
      ])
      await stopSharedCluster(runDir)
      expect(existsSync(infos[0]!.root)).toBe(false)
      await expect(queryAt(cluster.url(), 'SELECT 1')).rejects.toThrow(/ECONNREFUSED/)
    } finally {
      await stopSharedCluster(runDir).catch(() => undefined)
      rmSync(runDir, { recursive: true, force: true })
    }
  }, 60_000)
})
