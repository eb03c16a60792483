// `team publish`: the sync host copies what its cache holds (tasks with their stats, calls with
// recording URLs, results, transcript lines) into the team catalogue. Incremental: each row
// carries the source version it was published from (a task's hash, a call's list fingerprint and
// detail time), and only rows whose version differs are written, so a second run writes nothing.
import { createHash } from 'node:crypto'
import type { Client } from 'pg'
import type { CatalogueCall, CatalogueReader, CatalogueTask } from '../cache/catalogue-reader'
import { TeamAdminError } from './team-admin'

/** The campaign a task joins when it is first published without --campaign. */
export const DEFAULT_CAMPAIGN = 'default'
/** Calls per transaction: one multi-row upsert each for calls, results and lines. */
export const PUBLISH_BATCH = 500

export interface PublishOptions {
  taskId?: number
  /** Moves the published tasks into this campaign (created if new); without it a task keeps its own. */
  campaign?: string
  batchSize?: number
}

export interface PublishResult {
  tasks: number
  tasksWritten: number
  calls: number
  callsWritten: number
  resultsWritten: number
  linesWritten: number
}

const json = (text: string | null): unknown => (text === null ? null : JSON.parse(text))

/** The cache keeps BYRobot's China Standard Time text ('YYYY-MM-DD HH:mm:ss'). */
const cstTimestamp = (text: string | null): string | null => (text ? `${text}+08` : null)

const callVersion = (call: CatalogueCall): string => `${call.fingerprint}|${call.detail_fetched_at ?? ''}`

function taskVersion(task: CatalogueTask): string {
  return createHash('sha1').update(JSON.stringify(task)).digest('hex')
}

async function campaignId(client: Client, name: string): Promise<number> {
  await client.query('INSERT INTO team.campaign (name) VALUES ($1) ON CONFLICT (name) DO NOTHING', [name])
  const { rows } = await client.query<{ id: string }>('SELECT id FROM team.campaign WHERE name = $1', [name])
  return Number(rows[0]!.id)
}

async function assertSyncHost(client: Client): Promise<void> {
  const { rows } = await client.query<{ user: string; host: boolean }>(
    "SELECT current_user AS user, pg_has_role(current_user, 'sync_host', 'MEMBER') AS host",
  )
  if (!rows[0]!.host) {
    throw new TeamAdminError(`"${rows[0]!.user}" is not a sync host: only a member with the sync_host role may publish`)
  }
  const { rows: tables } = await client.query<{ ok: boolean }>(
    "SELECT to_regclass('team.transcript_line') IS NOT NULL AS ok",
  )
  if (!tables[0]!.ok)
    throw new TeamAdminError('the team schema is missing or older than this CallLens: run `team init`')
}

async function upsertTask(client: Client, task: CatalogueTask, campaign: number, version: string): Promise<void> {
  const detail = {
    companyId: task.company_id,
    jobType: task.job_type,
    startDate: task.start_date,
    remark: task.remark,
    sceneDefName: task.scene_def_name,
    robotDefName: task.robot_def_name,
    resultDefs: json(task.result_defs),
    detailSyncedAt: task.detail_synced_at,
    syncedAt: task.synced_at,
    deletedAt: task.deleted_at,
  }
  const stats = {
    rejectedCount: task.rejected_count,
    unavailableCount: task.unavailable_count,
    fromUnavailableCount: task.from_unavailable_count,
    durationStat: json(task.duration_stat),
    chatRoundStat: json(task.chat_round_stat),
    extraStat: json(task.extra_stat),
  }
  await client.query(
    `INSERT INTO team.task (call_job_id, campaign_id, name, detail, status, total_count, done_count, called_count,
       stats, source_version)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
     ON CONFLICT (call_job_id) DO UPDATE SET campaign_id = EXCLUDED.campaign_id, name = EXCLUDED.name,
       detail = EXCLUDED.detail, status = EXCLUDED.status, total_count = EXCLUDED.total_count,
       done_count = EXCLUDED.done_count, called_count = EXCLUDED.called_count, stats = EXCLUDED.stats,
       source_version = EXCLUDED.source_version, published_at = now()`,
    [
      task.task_id,
      campaign,
      task.name,
      detail,
      task.status,
      task.total_count,
      task.done_count,
      task.called_count,
      stats,
      version,
    ],
  )
}

function callDetail(call: CatalogueCall): string {
  return JSON.stringify({
    customerName: call.customer_name,
    customerTelephone: call.customer_telephone,
    status: call.status,
    chatRound: call.chat_round,
    endTime: call.end_time,
    callerPhone: call.caller_phone,
    redialTimes: call.redial_times,
    hangUp: call.hang_up,
    callType: call.call_type,
    handlePerson: call.handle_person,
    properties: json(call.properties),
    detailFetchedAt: call.detail_fetched_at,
  })
}

/** One transaction: the calls, then their results and lines replaced as the cache has them. */
async function writeCalls(
  client: Client,
  reader: CatalogueReader,
  calls: CatalogueCall[],
): Promise<{ results: number; lines: number }> {
  const ids = calls.map((c) => c.call_id)
  const results = reader.results(ids)
  const lines = reader.lines(ids)
  await client.query('BEGIN')
  try {
    await client.query(
      `INSERT INTO team.call (call_id, call_job_id, start_time, duration_sec, finish_status, recording_url,
         customer_recording_url, detail, source_version)
       SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::timestamptz[], $4::int[], $5::int[], $6::text[],
         $7::text[], $8::jsonb[], $9::text[])
       ON CONFLICT (call_id) DO UPDATE SET call_job_id = EXCLUDED.call_job_id, start_time = EXCLUDED.start_time,
         duration_sec = EXCLUDED.duration_sec, finish_status = EXCLUDED.finish_status,
         recording_url = EXCLUDED.recording_url, customer_recording_url = EXCLUDED.customer_recording_url,
         detail = EXCLUDED.detail, source_version = EXCLUDED.source_version, published_at = now()`,
      [
        ids,
        calls.map((c) => c.task_id),
        calls.map((c) => cstTimestamp(c.start_time)),
        calls.map((c) => c.duration_sec),
        calls.map((c) => c.finish_status),
        calls.map((c) => c.recording_url),
        calls.map((c) => c.customer_recording_url),
        calls.map(callDetail),
        calls.map(callVersion),
      ],
    )
    await client.query('DELETE FROM team.call_result WHERE call_id = ANY($1::bigint[])', [ids])
    await client.query('DELETE FROM team.transcript_line WHERE call_id = ANY($1::bigint[])', [ids])
    await client.query(
      `INSERT INTO team.call_result (call_id, ord, name, value, description)
       SELECT * FROM unnest($1::bigint[], $2::int[], $3::text[], $4::text[], $5::text[])`,
      [
        results.map((r) => r.call_id),
        results.map((r) => r.ord),
        results.map((r) => r.name),
        results.map((r) => r.value),
        results.map((r) => r.description),
      ],
    )
    await client.query(
      `INSERT INTO team.transcript_line (call_id, ord, line_index, speaker, content, start_ms, end_ms, inferred,
         user_mean, ai_unknown)
       SELECT * FROM unnest($1::bigint[], $2::int[], $3::int[], $4::text[], $5::text[], $6::int[], $7::int[],
         $8::boolean[], $9::text[], $10::int[])`,
      [
        lines.map((l) => l.call_id),
        lines.map((l) => l.ord),
        lines.map((l) => l.line_index),
        lines.map((l) => l.speaker),
        lines.map((l) => l.content),
        lines.map((l) => l.start_ms),
        lines.map((l) => l.end_ms),
        lines.map((l) => l.inferred !== 0),
        lines.map((l) => l.user_mean),
        lines.map((l) => l.ai_unknown),
      ],
    )
    await client.query('COMMIT')
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined)
    throw error
  }
  return { results: results.length, lines: lines.length }
}

export async function publishCatalogue(
  client: Client,
  reader: CatalogueReader,
  options: PublishOptions = {},
): Promise<PublishResult> {
  const batch = options.batchSize ?? PUBLISH_BATCH
  await assertSyncHost(client)
  const tasks = reader.tasks(options.taskId)
  if (options.taskId !== undefined && tasks.length === 0) {
    throw new TeamAdminError(`the cache has no task ${options.taskId}: run \`cli sync\` first`)
  }
  const chosen = options.campaign === undefined ? undefined : await campaignId(client, options.campaign)
  const { rows: known } = await client.query<{
    call_job_id: string
    campaign_id: string | null
    source_version: string | null
  }>('SELECT call_job_id, campaign_id, source_version FROM team.task WHERE call_job_id = ANY($1::bigint[])', [
    tasks.map((t) => t.task_id),
  ])
  const published = new Map(known.map((row) => [Number(row.call_job_id), row]))
  const result: PublishResult = {
    tasks: tasks.length,
    tasksWritten: 0,
    calls: 0,
    callsWritten: 0,
    resultsWritten: 0,
    linesWritten: 0,
  }
  let fallback: number | undefined
  for (const task of tasks) {
    const before = published.get(task.task_id)
    const version = taskVersion(task)
    const existing = before?.campaign_id == null ? undefined : Number(before.campaign_id)
    const campaign = chosen ?? existing ?? (fallback ??= await campaignId(client, DEFAULT_CAMPAIGN))
    if (before?.source_version !== version || existing !== campaign) {
      await upsertTask(client, task, campaign, version)
      result.tasksWritten++
    }
    const { rows } = await client.query<{ call_id: string; source_version: string | null }>(
      'SELECT call_id, source_version FROM team.call WHERE call_job_id = $1',
      [task.task_id],
    )
    const versions = new Map(rows.map((row) => [Number(row.call_id), row.source_version]))
    for (let after = 0; ;) {
      const page = reader.calls(task.task_id, after, batch)
      if (page.length === 0) break
      after = page[page.length - 1]!.call_id
      result.calls += page.length
      const changed = page.filter((call) => versions.get(call.call_id) !== callVersion(call))
      if (changed.length === 0) continue
      const written = await writeCalls(client, reader, changed)
      result.callsWritten += changed.length
      result.resultsWritten += written.results
      result.linesWritten += written.lines
    }
  }
  return result
}
