// Test support: a campaign of one task and new calls, written straight into the team catalogue as
// the table owner (the publish path has its own tests; these tests need only the rows).
import type pg from 'pg'

export interface InsertedCampaign {
  id: number
  taskId: number
  callIds: number[]
}

/** Ids for a test file's tasks and calls, from `first` on, so its campaigns never collide. */
export function idSequence(first: number): () => number {
  let next = first
  return () => next++
}

export async function insertCampaign(
  owner: Pick<pg.ClientBase, 'query'>,
  name: string,
  calls: number,
  nextId: () => number,
  taskName = name,
): Promise<InsertedCampaign> {
  const { rows } = await owner.query<{ id: string }>('INSERT INTO team.campaign (name) VALUES ($1) RETURNING id', [
    name,
  ])
  const id = Number(rows[0]!.id)
  const taskId = nextId()
  await owner.query('INSERT INTO team.task (call_job_id, campaign_id, name) VALUES ($1, $2, $3)', [
    taskId,
    id,
    taskName,
  ])
  const callIds = Array.from({ length: calls }, nextId)
  await owner.query('INSERT INTO team.call (call_id, call_job_id) SELECT unnest($1::bigint[]), $2', [callIds, taskId])
  return { id, taskId, callIds }
}
