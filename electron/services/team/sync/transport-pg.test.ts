import { describe, expect, it } from 'vitest'
import type { TeamOp } from './contract'
import { pgReviewTransport } from './transport-pg'
import { isOpRejected } from './transport'

// The network edge stubbed: a pg client answering as the contract header says the functions do.
function client(rows: unknown[]) {
  const calls: { text: string; values: unknown[] }[] = []
  return {
    calls,
    query: async (text: string, values: unknown[]) => {
      calls.push({ text, values })
      return { rows }
    },
  }
}

const OP: TeamOp = {
  opId: '0b7f5a52-1c1e-4c34-9b57-4d2f8f0f6c11',
  callId: 5,
  sessionId: null,
  hlc: '001733356800000-000000-device-a',
  entity: 'review',
  fields: { verdict: 'pass' },
}

describe('pg review transport', () => {
  it('sends the ops as one jsonb argument and checks one ack per op, in order', async () => {
    const pg = client([{ acks: [{ opId: OP.opId, status: 'applied', offLease: false }] }])
    const transport = pgReviewTransport(pg as never)
    expect(await transport.applyOps('device-a', [OP])).toEqual([{ opId: OP.opId, status: 'applied', offLease: false }])
    expect(pg.calls).toEqual([
      { text: 'SELECT team.apply_ops($1, $2::jsonb) AS acks', values: ['device-a', JSON.stringify([OP])] },
    ])
    const wrong = pgReviewTransport(client([{ acks: [] }]) as never)
    await expect(wrong.applyOps('device-a', [OP])).rejects.toThrow(/0 acks for 1 ops/)
  })

  it('reads change rows in the table column names and moves the cursor to the last one', async () => {
    const row = {
      txid: '812',
      seq: '44',
      member: 'ana',
      call_id: '5',
      entity: 'review',
      entity_key: null,
      row: { note: 'x' },
    }
    const pg = client([row])
    const page = await pgReviewTransport(pg as never).pullChanges({ txid: '800', seq: 3 }, 100)
    expect(page).toEqual({
      changes: [
        { txid: '812', seq: 44, member: 'ana', callId: 5, entity: 'review', entityKey: null, row: { note: 'x' } },
      ],
      cursor: { txid: '812', seq: 44 },
    })
    expect(pg.calls[0]!.values).toEqual(['800', 3, 100])
    const empty = await pgReviewTransport(client([]) as never).pullChanges({ txid: '812', seq: 44 }, 100)
    expect(empty).toEqual({ changes: [], cursor: { txid: '812', seq: 44 } })
  })

  it('tells an op the server refused from a failure worth retrying', () => {
    expect(isOpRejected(Object.assign(new Error('bad op'), { code: '22023' }))).toBe(true)
    expect(isOpRejected(Object.assign(new Error('no such call'), { code: '23503' }))).toBe(true)
    expect(isOpRejected(Object.assign(new Error('terminating connection'), { code: '57P01' }))).toBe(false)
    expect(isOpRejected(Object.assign(new Error('could not serialize'), { code: '40001' }))).toBe(false)
    expect(isOpRejected(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }))).toBe(false)
    expect(isOpRejected(new Error('Connection terminated unexpectedly'))).toBe(false)
  })
})
