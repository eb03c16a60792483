// Test support: hand-made ops for the team push path (sync/contract.ts's TeamOp), and looks at
// what a push left on the server.
import { randomUUID } from 'node:crypto'
import type pg from 'pg'
import type { OpAck, TeamOpInput } from '../services/team/sync/contract'
import type { TeamDatabase } from './team-database'

/** An HLC reading: wall ms, counter, device (sync/contract.ts's HLC_PATTERN). */
export function hlc(ms: number, device: string, counter = 0): string {
  return `${String(ms).padStart(15, '0')}-${String(counter).padStart(6, '0')}-${device}`
}

export type ReviewFields = Extract<TeamOpInput, { entity: 'review' }>['fields']
export type CommentFields = Extract<TeamOpInput, { entity: 'comment' }>['fields']
export type TagFields = Extract<TeamOpInput, { entity: 'tag_check' }>['fields']

export const review = (callId: number, clock: string, fields: ReviewFields): TeamOpInput => ({
  opId: randomUUID(),
  entity: 'review',
  callId,
  hlc: clock,
  fields,
})
export const comment = (
  callId: number,
  clock: string,
  key: string,
  fields: CommentFields,
  deleted = false,
): TeamOpInput => ({ opId: randomUUID(), entity: 'comment', callId, hlc: clock, key, fields, deleted })
export const tagCheck = (callId: number, clock: string, key: string, fields: TagFields): TeamOpInput => ({
  opId: randomUUID(),
  entity: 'tag_check',
  callId,
  hlc: clock,
  key,
  fields,
})
export const statuses = (acks: OpAck[]): string[] => acks.map((a) => a.status)
export const CREATED = '2026-12-05T00:00:00.000Z'

/** Straight to the server, past the client's own check. */
export function rawPush(client: pg.Client, device: string, ops: unknown): Promise<unknown> {
  return client.query('SELECT team.apply_ops($1, $2::jsonb) AS acks', [device, JSON.stringify(ops)])
}

export interface ReviewState {
  verdict: string | null
  score: number | null
  note: string
  tags: string[]
  clocks: Record<string, string>
  off_lease: boolean
}

/** An author's normal review of a call, as the owner sees it. */
export async function reviewOf(team: TeamDatabase, author: string, callId: number): Promise<ReviewState | undefined> {
  const { rows } = await team.owner.query<ReviewState>(
    'SELECT verdict, score, note, tags, clocks, off_lease FROM team.review WHERE author = $1 AND call_id = $2 AND session_id IS NULL',
    [author, callId],
  )
  return rows[0]
}

/** Row counts of everything a push writes. */
export async function footprint(team: TeamDatabase): Promise<Record<string, number>> {
  const tables = ['review', 'review_comment', 'tag_correction', 'applied_op', 'device', 'change_log', 'audit']
  const counts: Record<string, number> = {}
  for (const t of tables) counts[t] = await team.count(`SELECT count(*) FROM team.${t}`)
  return counts
}
