import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startPostgresCluster, type PostgresCluster } from '../../../test-support/postgres-cluster'
import { listenForTeamChanges, TEAM_CHANGES_CHANNEL } from './change-pokes'

let cluster: PostgresCluster
let admin: pg.Client
beforeAll(async () => {
  cluster = await startPostgresCluster()
  admin = new pg.Client({ connectionString: cluster.url() })
  await admin.connect()
}, 60_000)
afterAll(async () => {
  await admin?.end()
  await cluster?.stop()
})

async function until(condition: () => boolean | Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time')
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

async function listeners(): Promise<number> {
  const { rows } = await admin.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM pg_stat_activity WHERE query = $1 AND pid <> pg_backend_pid()',
    [`LISTEN ${TEAM_CHANGES_CHANNEL}`],
  )
  return rows[0]!.n
}

describe('team change pokes', () => {
  it('poke on connecting and on each notify, come back after the server drops them, and stop when closed', async () => {
    let pokes = 0
    const pokesFor = listenForTeamChanges({
      connect: async () => {
        const client = new pg.Client({ connectionString: cluster.url() })
        await client.connect()
        return client
      },
      onPoke: () => pokes++,
      retryMs: 20,
    })
    // Connected and listening: one poke for what may have been missed before.
    await until(() => pokesFor.listening() && pokes === 1)
    await admin.query(`NOTIFY ${TEAM_CHANGES_CHANNEL}`)
    await until(() => pokes === 2)

    await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query = $1', [
      `LISTEN ${TEAM_CHANGES_CHANNEL}`,
    ])
    // Back again, with a poke for the notifies it could not hear meanwhile.
    await until(() => pokes === 3 && pokesFor.listening())
    await admin.query(`NOTIFY ${TEAM_CHANGES_CHANNEL}`)
    await until(() => pokes === 4)

    await pokesFor.close()
    expect(pokesFor.listening()).toBe(false)
    await until(async () => (await listeners()) === 0)
  }, 30_000)
})
