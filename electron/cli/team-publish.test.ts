// `cli team publish` end to end: a real CLI syncs the simulator into a temp data dir, then real
// CLI processes publish that cache as a sync_host login role into a throwaway PostgreSQL cluster.
// Expected rows come from the cache file itself (read with its own SQLite connection).
import Database from 'better-sqlite3'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSimulator, type RunningSimulator } from '../sim/simulator'
import { publishCatalogue } from '../services/team/team-publish'
import { openCache, profileDir, runCli, syncArgs } from '../test-support/cli-harness'
import { queryAt, type PostgresCluster } from '../test-support/postgres-cluster'
import { cloneTeamDatabase, teamCluster, type ClonedDatabase } from '../test-support/team-cluster'

const TIMEOUT = 120_000
let sim: RunningSimulator
let cluster: PostgresCluster
let dataDir: string
let main: ClonedDatabase
/** Login roles are cluster-wide: this file's members, named by main.member(). */
let publisher: string
let rita: string
const passwords: Record<string, string> = {}

const query = queryAt

/** The cache file as the sync left it, read-only. */
function cacheRows<T>(sql: string, ...params: unknown[]): T[] {
  const db = new Database(join(profileDir(dataDir), 'cache.db'), { readonly: true })
  try {
    return db.prepare(sql).all(...params) as T[]
  } finally {
    db.close()
  }
}

/** A URL without a password: the member's comes from CALLLENS_DB_PASSWORD. */
function publish(database: ClonedDatabase, member: string, extra: string[] = []) {
  const url = `postgres://${member}@127.0.0.1:${cluster.port}/${database.name}`
  return runCli(['team', 'publish', '--db', url, '--data-dir', dataDir, ...extra], {
    CALLLENS_DB_PASSWORD: passwords[member]!,
  })
}

async function count(database: ClonedDatabase, table: string, where = 'true'): Promise<number> {
  const [row] = await query<{ n: number }>(
    database.url(),
    `SELECT count(*)::int AS n FROM team.${table} WHERE ${where}`,
  )
  return row!.n
}

/** Every catalogue row's xmin: unchanged when a run wrote nothing. */
async function rowVersions(database: ClonedDatabase): Promise<string[]> {
  const rows = await query<{ v: string }>(
    database.url(),
    `SELECT 'task ' || call_job_id || ' ' || xmin AS v FROM team.task
     UNION ALL SELECT 'call ' || call_id || ' ' || xmin FROM team.call
     UNION ALL SELECT 'result ' || call_id || '/' || ord || ' ' || xmin FROM team.call_result
     UNION ALL SELECT 'line ' || call_id || '/' || ord || ' ' || xmin FROM team.transcript_line ORDER BY 1`,
  )
  return rows.map((r) => r.v)
}

beforeAll(async () => {
  sim = await startSimulator({ generate: { tasks: 3, calls: 40, seed: 16 } })
  dataDir = mkdtempSync(join(tmpdir(), 'calllens-cli-publish-'))
  const { args, env } = syncArgs(sim, dataDir)
  expect((await runCli(args, env)).code).toBe(0)
  cluster = await teamCluster()
  main = await cloneTeamDatabase(cluster)
  publisher = main.member('publisher')
  rita = main.member('rita')
  for (const [name, role] of [
    [publisher, 'sync_host'],
    [rita, 'reviewer'],
  ]) {
    const added = await runCli(['team', 'add-member', '--db', main.url(), '--name', name!, '--role', role!])
    expect(added.code).toBe(0)
    passwords[name!] = (JSON.parse(added.stdout) as { password: string }).password
  }
}, TIMEOUT)

afterAll(async () => {
  await cluster?.stop()
  await sim?.close()
})

describe('cli team publish', () => {
  it(
    'publishes every cached task, call, result and transcript line, and writes nothing the second time',
    async () => {
      const cached = {
        tasks: cacheRows<{ n: number }>('SELECT count(*) AS n FROM tasks')[0]!.n,
        calls: cacheRows<{ n: number }>('SELECT count(*) AS n FROM calls')[0]!.n,
        results: cacheRows<{ n: number }>('SELECT count(*) AS n FROM call_results')[0]!.n,
        lines: cacheRows<{ n: number }>('SELECT count(*) AS n FROM transcript_lines')[0]!.n,
      }
      expect(cached.calls).toBeGreaterThan(20)
      expect(cached.lines).toBeGreaterThan(cached.calls)

      const first = await publish(main, publisher)
      expect(first.stderr).toBe('')
      expect(first.code).toBe(0)
      expect(JSON.parse(first.stdout)).toEqual({
        tasks: cached.tasks,
        tasksWritten: cached.tasks,
        calls: cached.calls,
        callsWritten: cached.calls,
        resultsWritten: cached.results,
        linesWritten: cached.lines,
      })
      expect(await count(main, 'task')).toBe(cached.tasks)
      expect(await count(main, 'call')).toBe(cached.calls)
      expect(await count(main, 'call_result')).toBe(cached.results)
      expect(await count(main, 'transcript_line')).toBe(cached.lines)
      // Every task in the default campaign.
      expect(await count(main, 'task', "campaign_id = (SELECT id FROM team.campaign WHERE name = 'default')")).toBe(
        cached.tasks,
      )

      const before = await rowVersions(main)
      const second = await publish(main, publisher)
      expect(second.code).toBe(0)
      expect(JSON.parse(second.stdout)).toMatchObject({ tasksWritten: 0, callsWritten: 0, calls: cached.calls })
      expect(await rowVersions(main)).toEqual(before)
    },
    TIMEOUT,
  )

  it(
    "holds a sample call's recording URL, results, transcript and its task's stats as the cache has them",
    async () => {
      const [call] = cacheRows<{ call_id: number; task_id: number; recording_url: string | null; start_time: string }>(
        `SELECT call_id, task_id, recording_url, start_time FROM calls
         WHERE detail_fetched_at IS NOT NULL AND call_id IN (SELECT call_id FROM call_results)
           AND call_id IN (SELECT call_id FROM transcript_lines) ORDER BY call_id LIMIT 1`,
      )
      expect(call).toBeDefined()
      const db = main.url()
      const [published] = await query<{ call_job_id: string; recording_url: string | null; start: string }>(
        db,
        "SELECT call_job_id, recording_url, to_char(start_time AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI:SS') AS start FROM team.call WHERE call_id = $1",
        [call!.call_id],
      )
      expect(published).toEqual({
        call_job_id: String(call!.task_id),
        recording_url: call!.recording_url,
        start: call!.start_time,
      })
      expect(
        await query(db, 'SELECT ord, name, value FROM team.call_result WHERE call_id = $1 ORDER BY ord', [
          call!.call_id,
        ]),
      ).toEqual(cacheRows('SELECT ord, name, value FROM call_results WHERE call_id = ? ORDER BY ord', call!.call_id))
      const lines = await query<{ speaker: string; content: string; start_ms: number; inferred: boolean }>(
        db,
        'SELECT speaker, content, start_ms, inferred FROM team.transcript_line WHERE call_id = $1 ORDER BY ord',
        [call!.call_id],
      )
      const cachedLines = cacheRows<{ speaker: string; content: string; start_ms: number; inferred: number }>(
        'SELECT speaker, content, start_ms, inferred FROM transcript_lines WHERE call_id = ? ORDER BY ord',
        call!.call_id,
      )
      expect(lines).toEqual(cachedLines.map((l) => ({ ...l, inferred: l.inferred === 1 })))
      const [task] = cacheRows<{ total_count: number; done_count: number; duration_stat: string | null }>(
        'SELECT total_count, done_count, duration_stat FROM tasks WHERE task_id = ?',
        call!.task_id,
      )
      const [stats] = await query<{ total_count: number; done_count: number; duration_stat: unknown }>(
        db,
        "SELECT total_count, done_count, stats -> 'durationStat' AS duration_stat FROM team.task WHERE call_job_id = $1",
        [call!.task_id],
      )
      expect(stats).toEqual({
        ...task,
        duration_stat: task!.duration_stat === null ? null : JSON.parse(task!.duration_stat),
      })
    },
    TIMEOUT,
  )

  it(
    'writes again only the call whose cached detail changed since the last publish',
    async () => {
      const [call] = cacheRows<{ call_id: number }>(
        'SELECT call_id FROM calls WHERE call_id IN (SELECT call_id FROM transcript_lines) ORDER BY call_id DESC LIMIT 1',
      )
      const db = new Database(join(profileDir(dataDir), 'cache.db'))
      try {
        // What a re-sync of a changed call leaves: a new detail time and a different transcript.
        db.prepare("UPDATE calls SET detail_fetched_at = '2099-01-01T00:00:00.000Z' WHERE call_id = ?").run(
          call!.call_id,
        )
        db.prepare("UPDATE transcript_lines SET content = 'changed line' WHERE call_id = ? AND ord = 0").run(
          call!.call_id,
        )
      } finally {
        db.close()
      }
      const before = await rowVersions(main)
      const again = await publish(main, publisher)
      expect(again.code).toBe(0)
      expect(JSON.parse(again.stdout)).toMatchObject({ tasksWritten: 0, callsWritten: 1 })
      const changed = (await rowVersions(main)).filter((v) => !before.includes(v))
      expect(changed.length).toBeGreaterThan(0)
      expect(changed.every((v) => v.match(new RegExp(`^(call|result|line) ${call!.call_id}[ /]`)))).toBe(true)
      expect(
        await query(main.url(), 'SELECT content FROM team.transcript_line WHERE call_id = $1 AND ord = 0', [
          call!.call_id,
        ]),
      ).toEqual([{ content: 'changed line' }])
    },
    TIMEOUT,
  )

  it(
    'publishes only the named task with --task, into the campaign named by --campaign',
    async () => {
      const one = await cloneTeamDatabase(cluster)
      const [task] = cacheRows<{ task_id: number; n: number }>(
        'SELECT task_id, count(*) AS n FROM calls GROUP BY task_id ORDER BY n DESC LIMIT 1',
      )
      const url = `postgres://${publisher}@127.0.0.1:${cluster.port}/${one.name}`
      const result = await runCli(
        [
          'team',
          'publish',
          '--db',
          url,
          '--data-dir',
          dataDir,
          '--task',
          String(task!.task_id),
          '--campaign',
          'Renewals Q4',
        ],
        { CALLLENS_DB_PASSWORD: passwords[publisher]! },
      )
      expect(result.stderr).toBe('')
      expect(result.code).toBe(0)
      expect(JSON.parse(result.stdout)).toMatchObject({ tasks: 1, calls: task!.n, callsWritten: task!.n })
      expect(await query(one.url(), 'SELECT call_job_id FROM team.task')).toEqual([
        { call_job_id: String(task!.task_id) },
      ])
      expect(await count(one, 'call')).toBe(task!.n)
      expect(await count(one, 'call', `call_job_id <> ${task!.task_id}`)).toBe(0)
      expect(
        await query(one.url(), 'SELECT c.name FROM team.task t JOIN team.campaign c ON c.id = t.campaign_id'),
      ).toEqual([{ name: 'Renewals Q4' }])

      const missing = await runCli(['team', 'publish', '--db', url, '--data-dir', dataDir, '--task', '999999999'], {
        CALLLENS_DB_PASSWORD: passwords[publisher]!,
      })
      expect(missing.code).toBe(1)
      expect(missing.stderr).toBe('calllens: team: the cache has no task 999999999: run `cli sync` first\n')
    },
    TIMEOUT,
  )

  it(
    'publishes a task in several batches when it has more calls than a batch, and resumes from what differs',
    async () => {
      const batches = await cloneTeamDatabase(cluster)
      const cache = openCache(dataDir)
      const client = new pg.Client({ connectionString: batches.url(publisher, passwords[publisher]!) })
      await client.connect()
      try {
        const [task] = cacheRows<{ task_id: number; n: number }>(
          'SELECT task_id, count(*) AS n FROM calls GROUP BY task_id ORDER BY n DESC LIMIT 1',
        )
        expect(task!.n).toBeGreaterThan(14)
        const first = await publishCatalogue(client, cache.catalogue, { taskId: task!.task_id, batchSize: 7 })
        expect(first).toMatchObject({ calls: task!.n, callsWritten: task!.n })
        expect(await count(batches, 'call')).toBe(task!.n)
        // A run cut short: some calls lost, as if their batch never committed.
        await query(
          batches.url(),
          'DELETE FROM team.call WHERE call_id IN (SELECT call_id FROM team.call ORDER BY call_id DESC LIMIT 9)',
        )
        const resumed = await publishCatalogue(client, cache.catalogue, { taskId: task!.task_id, batchSize: 7 })
        expect(resumed).toMatchObject({ tasksWritten: 0, callsWritten: 9 })
        expect(await count(batches, 'call')).toBe(task!.n)
        expect(await count(batches, 'transcript_line')).toBe(
          cacheRows<{ n: number }>(
            'SELECT count(*) AS n FROM transcript_lines WHERE call_id IN (SELECT call_id FROM calls WHERE task_id = ?)',
            task!.task_id,
          )[0]!.n,
        )
      } finally {
        await client.end()
        cache.close()
      }
    },
    TIMEOUT,
  )

  it(
    'refuses a reviewer with exit 1 and a clear sentence, writing nothing',
    async () => {
      const before = await rowVersions(main)
      const refused = await publish(main, rita)
      expect(refused.code).toBe(1)
      expect(refused.stdout).toBe('')
      expect(refused.stderr).toBe(
        `calllens: team: "${rita}" is not a sync host: only a member with the sync_host role may publish\n`,
      )
      expect(refused.stderr).not.toContain(passwords[rita]!)
      expect(await rowVersions(main)).toEqual(before)
      // Nor can a reviewer write the new catalogue tables directly.
      await expect(
        query(
          main.url(rita, passwords[rita]!),
          "INSERT INTO team.transcript_line VALUES (1, 0, 0, 'AI', 'x', 0, 0, false, null, null)",
        ),
      ).rejects.toMatchObject({ code: '42501' })
    },
    TIMEOUT,
  )

  it(
    'says which password is wrong without printing it, and refuses a bad --task as a usage error',
    async () => {
      const url = `postgres://${publisher}@127.0.0.1:${cluster.port}/${main.name}`
      const wrong = await runCli(['team', 'publish', '--db', url, '--data-dir', dataDir], {
        CALLLENS_DB_PASSWORD: 'not-the-password-7731',
      })
      expect(wrong.code).toBe(1)
      expect(wrong.stderr).toMatch(/password authentication failed/)
      expect(wrong.stderr).not.toContain('not-the-password-7731')
      const bad = await runCli(['team', 'publish', '--db', url, '--data-dir', dataDir, '--task', 'x'])
      expect(bad.code).toBe(2)
      expect(bad.stderr).toMatch(/--task must be a positive integer/)
    },
    TIMEOUT,
  )
})
