// Claims as a member's own login role: the server's claim_batch and release functions decide
// (lease, cap, no call held twice); this module only calls them and reads back the call ids.
import type { ClientBase } from 'pg'

/** A client or a pooled client: only queries are made. */
type Queryable = Pick<ClientBase, 'query'>

// bigint call ids arrive as strings from pg; BYRobot's callInstanceIds fit in a double.
function callIds(value: string[] | null): number[] {
  return (value ?? []).map(Number)
}

/** Claims up to `count` calls nobody holds, in `campaign` or any; returns the claimed ids. */
export async function claimBatch(client: Queryable, count: number, campaign?: number): Promise<number[]> {
  const { rows } = await client.query<{ ids: string[] | null }>('SELECT team.claim_batch($1, $2) AS ids', [
    campaign ?? null,
    count,
  ])
  return callIds(rows[0]!.ids)
}

/** Gives calls back; returns those released (a call the member does not hold is left alone). */
export async function releaseCalls(client: Queryable, callIdsToRelease: number[]): Promise<number[]> {
  const { rows } = await client.query<{ ids: string[] | null }>('SELECT team.release($1::bigint[]) AS ids', [
    callIdsToRelease,
  ])
  return callIds(rows[0]!.ids)
}
