// What `team publish` reads of the cache: tasks, and calls with their results and transcript
// lines a page at a time, as stored (no contract shapes: the team catalogue mirrors these rows).
import type { Db } from './database'

export interface CatalogueTask {
  task_id: number
  company_id: number
  name: string
  status: number | null
  total_count: number | null
  done_count: number | null
  called_count: number | null
  rejected_count: number | null
  unavailable_count: number | null
  from_unavailable_count: number | null
  job_type: number | null
  start_date: string | null
  remark: string | null
  scene_def_name: string | null
  robot_def_name: string | null
  duration_stat: string | null
  chat_round_stat: string | null
  result_defs: string | null
  extra_stat: string | null
  detail_synced_at: string | null
  synced_at: string
  deleted_at: string | null
}

export interface CatalogueCall {
  call_id: number
  task_id: number
  customer_name: string | null
  customer_telephone: string | null
  status: number | null
  finish_status: number | null
  duration_sec: number | null
  chat_round: number | null
  start_time: string | null
  end_time: string | null
  caller_phone: string | null
  recording_url: string | null
  customer_recording_url: string | null
  redial_times: number | null
  hang_up: number | null
  call_type: number | null
  handle_person: string | null
  properties: string | null
  fingerprint: string
  detail_fetched_at: string | null
}

export interface CatalogueResult {
  call_id: number
  ord: number
  name: string
  value: string
  description: string | null
}

export interface CatalogueLine {
  call_id: number
  ord: number
  line_index: number
  speaker: string
  content: string
  start_ms: number
  end_ms: number
  inferred: number
  user_mean: string | null
  ai_unknown: number | null
}

export class CatalogueReader {
  constructor(private readonly db: Db) {}

  /** Every task (or the one), deleted ones too: their calls stay reviewable. */
  tasks(taskId?: number): CatalogueTask[] {
    return this.db
      .prepare<[number | null, number | null], CatalogueTask>(
        `SELECT task_id, company_id, name, status, total_count, done_count, called_count, rejected_count,
           unavailable_count, from_unavailable_count, job_type, start_date, remark, scene_def_name,
           robot_def_name, duration_stat, chat_round_stat, result_defs, extra_stat, detail_synced_at,
           synced_at, deleted_at
         FROM tasks WHERE (? IS NULL OR task_id = ?) ORDER BY task_id`,
      )
      .all(taskId ?? null, taskId ?? null)
  }

  /** A task's calls in id order, `limit` at a time after `afterId`. */
  calls(taskId: number, afterId: number, limit: number): CatalogueCall[] {
    return this.db
      .prepare<[number, number, number], CatalogueCall>(
        `SELECT call_id, task_id, customer_name, customer_telephone, status, finish_status, duration_sec,
           chat_round, start_time, end_time, caller_phone, recording_url, customer_recording_url,
           redial_times, hang_up, call_type, handle_person, properties, fingerprint, detail_fetched_at
         FROM calls WHERE task_id = ? AND call_id > ? ORDER BY call_id LIMIT ?`,
      )
      .all(taskId, afterId, limit)
  }

  results(callIds: readonly number[]): CatalogueResult[] {
    return this.db
      .prepare<[string], CatalogueResult>(
        `SELECT call_id, ord, name, value, description FROM call_results
         WHERE call_id IN (SELECT value FROM json_each(?)) ORDER BY call_id, ord`,
      )
      .all(JSON.stringify(callIds))
  }

  lines(callIds: readonly number[]): CatalogueLine[] {
    return this.db
      .prepare<[string], CatalogueLine>(
        `SELECT call_id, ord, line_index, speaker, content, start_ms, end_ms, inferred, user_mean, ai_unknown
         FROM transcript_lines WHERE call_id IN (SELECT value FROM json_each(?)) ORDER BY call_id, ord`,
      )
      .all(JSON.stringify(callIds))
  }
}
