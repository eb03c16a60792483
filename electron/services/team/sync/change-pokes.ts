// The server's pokes: its change feed NOTIFYs `team_changes` (empty payload, one per transaction)
// so a device pulls within a moment instead of at its next poll. A poke says only "pull now"; one
// lost while disconnected is made up by poking once on every (re)connection, and the periodic
// round of team-review-sync.ts backs it all up.
import type { Client } from 'pg'

export const TEAM_CHANGES_CHANNEL = 'team_changes'

export interface ChangePokesOptions {
  /** A new, connected client logged in as the member (its own connection: LISTEN holds it). */
  connect: () => Promise<Client>
  onPoke: () => void
  /** Wait before connecting again after the connection failed or dropped. */
  retryMs?: number
}

export interface ChangePokes {
  /** Whether a LISTEN connection is up right now. */
  listening(): boolean
  close(): Promise<void>
}

export function listenForTeamChanges(options: ChangePokesOptions): ChangePokes {
  const retryMs = options.retryMs ?? 5000
  let closed = false
  let client: Client | null = null
  let timer: NodeJS.Timeout | null = null

  const schedule = () => {
    if (closed || timer) return
    timer = setTimeout(() => {
      timer = null
      void open()
    }, retryMs)
  }

  async function open(): Promise<void> {
    let connection: Client | null = null
    let gone = false
    const lost = () => {
      if (gone) return
      gone = true
      if (client === connection) client = null
      void connection?.end().catch(() => undefined)
      schedule()
    }
    try {
      connection = await options.connect()
      if (closed) {
        await connection.end()
        return
      }
      connection.on('error', lost)
      connection.on('end', lost)
      connection.on('notification', (message) => {
        if (message.channel === TEAM_CHANGES_CHANNEL) options.onPoke()
      })
      await connection.query(`LISTEN ${TEAM_CHANGES_CHANNEL}`)
      if (gone) return
      if (closed) {
        gone = true
        await connection.end()
        return
      }
      client = connection
      options.onPoke()
    } catch {
      lost()
    }
  }

  void open()
  return {
    listening: () => client !== null,
    async close() {
      closed = true
      if (timer) clearTimeout(timer)
      timer = null
      const connection = client
      client = null
      await connection?.end().catch(() => undefined)
    },
  }
}
