// `cli sync --publish` end to end: a real CLI syncs the simulator and publishes the cache as a
// sync_host login role into a team database of a real PostgreSQL cluster. Expected rows come from
// the cache the same run wrote; the sync's exit codes hold, and a publish failure is exit 1.
import { existsSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addMember } from '../services/team/team-admin'
import { startSimulator, type RunningSimulator } from '../sim/simulator'
import { openCache, runCli, simulatorCallIds, startCli, syncArgs } from '../test-support/cli-harness'
import { queryAt, type PostgresCluster } from '../test-support/postgres-cluster'
import { cloneTeamDatabase, teamCluster, type ClonedDatabase } from '../test-support/team-cluster'

const TIMEOUT = 120_000
let sim: RunningSimulator
let cluster: PostgresCluster
let db: ClonedDatabase
let publisher: string
let reviewer: string
const passwords = new Map<string, string>()

const tempDir = () => mkdtempSync(join(tmpdir(), 'calllens-sync-publish-'))

/** `cli sync` of `simulator` into `dataDir`, then --publish as `member` (password from the environment). */
function syncAndPublish(simulator: RunningSimulator, dataDir: string, member: string, extra: string[] = []) {
  const { args, env } = syncArgs(simulator, dataDir)
  const url = `postgres://${member}@127.0.0.1:${cluster.port}/${db.name}`
  return runCli([...args, '--publish', url, ...extra], { ...env, CALLLENS_DB_PASSWORD: passwords.get(member)! })
}

async function count(table: string, where = 'true', params: unknown[] = []): Promise<number> {
  const [row] = await queryAt<{ n: number }>(
    db.url(),
    `SELECT count(*)::int AS n FROM team.${table} WHERE ${where}`,
    params,
  )
  return row!.n
}

/** What the cache of `dataDir` holds: the counts publish reports. */
function cached(dataDir: string) {
  const cache = openCache(dataDir)
  try {
    const tasks = cache.catalogue.tasks()
    const calls = tasks.flatMap((task) => cache.catalogue.calls(task.task_id, 0, 100_000))
    return { tasks: tasks.length, calls: calls.length }
  } finally {
    cache.close()
  }
}

beforeAll(async () => {
  sim = await startSimulator({ generate: { tasks: 2, calls: 15, seed: 23 } })
  cluster = await teamCluster()
  db = await cloneTeamDatabase(cluster)
  publisher = db.member('publisher')
  reviewer = db.member('rita')
  const owner = new pg.Client({ connectionString: db.url() })
  await owner.connect()
  try {
    passwords.set(publisher, (await addMember(owner, { name: publisher, role: 'sync_host' })).password)
    passwords.set(reviewer, (await addMember(owner, { name: reviewer, role: 'reviewer' })).password)
  } finally {
    await owner.end()
  }
}, TIMEOUT)

afterAll(async () => {
  await cluster?.stop()
  await sim?.close()
})

describe('cli sync --publish', () => {
  it(
    'syncs, then publishes every cached task and call into the named campaign, and exits 0',
    async () => {
      const dir = tempDir()
      const result = await syncAndPublish(sim, dir, publisher, ['--campaign', 'Night shift'])
      expect(result.stderr).toBe('')
      expect(result.code).toBe(0)
      const lines = result.stdout.trim().split('\n')
      const ids = simulatorCallIds(sim)
      expect(lines.at(-2)).toContain(`sync done: ${ids.length} calls synced`)
      const inCache = cached(dir)
      expect(inCache.calls).toBe(ids.length)
      expect(JSON.parse(lines.at(-1)!)).toMatchObject({
        tasks: inCache.tasks,
        tasksWritten: inCache.tasks,
        calls: ids.length,
        callsWritten: ids.length,
      })
      expect(await count('call', 'call_id = ANY ($1::bigint[])', [ids])).toBe(ids.length)
      expect(
        await queryAt(db.url(), 'SELECT DISTINCT c.name FROM team.task t JOIN team.campaign c ON c.id = t.campaign_id'),
      ).toEqual([{ name: 'Night shift' }])
      expect(result.stdout + result.stderr).not.toContain(passwords.get(publisher)!)

      // A second run syncs no new call and writes no call again (a task row whose sync time
      // changed is rewritten: its source version hashes the whole cached row).
      const again = await syncAndPublish(sim, dir, publisher)
      expect(again.code).toBe(0)
      expect(JSON.parse(again.stdout.trim().split('\n').at(-1)!)).toMatchObject({
        callsWritten: 0,
        resultsWritten: 0,
        linesWritten: 0,
      })
    },
    TIMEOUT,
  )

  it(
    'publishes after a partial sync and still exits 1, as the sync alone would',
    async () => {
      const lossy = await startSimulator({ generate: { tasks: 1, calls: 8, seed: 31 } })
      try {
        const broken = simulatorCallIds(lossy).find((id) => lossy.store.anyCall(id)!.recordingExt('mix') !== null)!
        lossy.setQuirks({ recordings: { [broken]: 403 } })
        const dir = tempDir()
        const result = await syncAndPublish(lossy, dir, publisher)
        expect(result.code).toBe(1)
        expect(result.stdout).toMatch(/^sync partial: /m)
        expect(result.stderr).toMatch(new RegExp(`^calllens: call ${broken} failed: `, 'm'))
        const published = JSON.parse(result.stdout.trim().split('\n').at(-1)!) as { calls: number }
        expect(published.calls).toBe(cached(dir).calls)
        expect(await count('call', 'call_id = ANY ($1::bigint[])', [simulatorCallIds(lossy)])).toBe(published.calls)
      } finally {
        await lossy.close()
      }
    },
    TIMEOUT,
  )

  it(
    'exits 1 with one calllens line when the publish is refused, keeping what the sync cached',
    async () => {
      const before = await count('call')
      const dir = tempDir()
      const refused = await syncAndPublish(sim, dir, reviewer)
      expect(refused.code).toBe(1)
      expect(refused.stdout).toMatch(/^sync done: /m)
      expect(refused.stderr).toBe(
        `calllens: team: "${reviewer}" is not a sync host: only a member with the sync_host role may publish\n`,
      )
      expect(cached(dir).calls).toBe(simulatorCallIds(sim).length)
      expect(await count('call')).toBe(before)

      const wrongPassword = 'not-the-password-6620'
      const { args, env } = syncArgs(sim, dir)
      const url = `postgres://${publisher}:${wrongPassword}@127.0.0.1:${cluster.port}/${db.name}`
      const wrong = await runCli([...args, '--publish', url], env)
      expect(wrong.code).toBe(1)
      expect(wrong.stderr).toMatch(
        new RegExp(
          `^calllens: team: PostgreSQL at 127\\.0\\.0\\.1:${cluster.port}/${db.name}: .*password authentication failed`,
        ),
      )
      expect(wrong.stderr.split('\n').filter(Boolean)).toHaveLength(1)
      expect(wrong.stdout + wrong.stderr).not.toContain(wrongPassword)
    },
    TIMEOUT,
  )

  it(
    'does not publish after a failed sync, and says so',
    async () => {
      const before = await count('call')
      const dir = tempDir()
      const { args, env } = syncArgs(sim, dir, 'wrong-app-secret')
      const url = `postgres://${publisher}@127.0.0.1:${cluster.port}/${db.name}`
      const result = await runCli([...args, '--publish', url], {
        ...env,
        CALLLENS_DB_PASSWORD: passwords.get(publisher)!,
      })
      expect(result.code).toBe(1)
      expect(result.stdout).toMatch(/^sync failed: /m)
      expect(result.stderr).toMatch(/^calllens: not published: the sync did not finish$/m)
      expect(await count('call')).toBe(before)
    },
    TIMEOUT,
  )

  it(
    'publishes nothing when Ctrl-C stops the sync, and exits 130',
    async () => {
      const slow = await startSimulator({ generate: { tasks: 1, calls: 30, seed: 41 }, latency: 40 })
      try {
        const before = await count('call')
        const { args, env } = syncArgs(slow, tempDir())
        const url = `postgres://${publisher}@127.0.0.1:${cluster.port}/${db.name}`
        const run = startCli([...args, '--publish', url], { ...env, CALLLENS_DB_PASSWORD: passwords.get(publisher)! })
        expect(await run.waitForLines((line) => /fetching calls — calls [1-9]/.test(line))).toBe(true)
        run.child.kill('SIGINT')
        const exit = await run.exited
        expect(exit.code).toBe(130)
        expect(exit.stdout).toMatch(/^sync cancelled: /m)
        expect(exit.stdout).not.toContain('"callsWritten"')
        expect(await count('call')).toBe(before)
      } finally {
        await slow.close()
      }
    },
    TIMEOUT,
  )

  it(
    'refuses a bad --publish URL or a --campaign without --publish before syncing anything (exit 2)',
    async () => {
      const dir = join(tempDir(), 'data')
      const { args, env } = syncArgs(sim, dir)
      const badUrl = await runCli([...args, '--publish', 'mysql://x@y/z'], env)
      expect(badUrl.code).toBe(2)
      expect(badUrl.stderr).toMatch(/--publish must be a postgres:\/\//)
      const lonely = await runCli([...args, '--campaign', 'x'], env)
      expect(lonely.code).toBe(2)
      expect(lonely.stderr).toMatch(/--campaign needs --publish/)
      expect(existsSync(dir)).toBe(false)
      const help = await runCli(['sync', '--help'])
      expect(help.stdout).toContain('--publish URL')
    },
    TIMEOUT,
  )
})
