// The calls table's columns and the mapping between a CallSummary / CallDetail and a row.
import { createHash } from 'node:crypto'
import type { CallDetail, CallSummary } from '../../shared/contract/domain'

export const SUMMARY_COLUMNS = [
  ['customerName', 'customer_name'],
  ['customerTelephone', 'customer_telephone'],
  ['status', 'status'],
  ['finishStatus', 'finish_status'],
  ['durationSec', 'duration_sec'],
  ['chatRound', 'chat_round'],
  ['startTime', 'start_time'],
  ['endTime', 'end_time'],
  ['callerPhone', 'caller_phone'],
  ['recordingUrl', 'recording_url'],
  ['redialTimes', 'redial_times'],
] as const satisfies readonly (readonly [keyof CallSummary, string])[]

export const DETAIL_COLUMNS = [
  ['customerRecordingUrl', 'customer_recording_url'],
  ['hangUp', 'hang_up'],
  ['callType', 'call_type'],
  ['handlePerson', 'handle_person'],
] as const satisfies readonly (readonly [keyof CallDetail, string])[]

export type Row = Record<string, unknown>

export function summaryParams(summary: CallSummary): Row {
  return Object.fromEntries(SUMMARY_COLUMNS.map(([key, column]) => [column, summary[key]]))
}

export function detailParams(detail: CallDetail): Row {
  return {
    ...summaryParams(detail),
    ...Object.fromEntries(DETAIL_COLUMNS.map(([key, column]) => [column, detail[key]])),
    properties: detail.properties === null ? null : JSON.stringify(detail.properties),
  }
}

/**
 * A hash of everything the done-call list says about a call (results in their order), so that a
 * call that changed on the server since the last sync (a redial, re-analysed tags) is refetched.
 */
export function summaryFingerprint(summary: CallSummary): string {
  const fields = SUMMARY_COLUMNS.map(([key]) => summary[key])
  const results = summary.results.map((r) => [r.name, r.value, r.desc])
  return createHash('sha1')
    .update(JSON.stringify([summary.taskId, fields, results]))
    .digest('base64url')
}

export function rowToDetail(row: Row): Omit<CallDetail, 'results' | 'transcript'> {
  return {
    callInstanceId: row.call_id as number,
    taskId: row.task_id as number,
    ...(Object.fromEntries(SUMMARY_COLUMNS.map(([key, column]) => [key, row[column]])) as Omit<
      CallSummary,
      'callInstanceId' | 'taskId' | 'results'
    >),
    ...(Object.fromEntries(DETAIL_COLUMNS.map(([key, column]) => [key, row[column]])) as Pick<
      CallDetail,
      (typeof DETAIL_COLUMNS)[number][0]
    >),
    properties: typeof row.properties === 'string' ? (JSON.parse(row.properties) as CallDetail['properties']) : null,
  }
}
