// Reviews in team mode on a desktop: beside the active team profile's connection, the review sync
// (sync/team-review-sync.ts) over that profile's own reviews file — the store every save of the app
// goes through — with its transport and its LISTEN pokes on the connection's member login, so going
// offline and coming back is the connection's business and needs no action here.
import type { TeamStatus } from '../../shared/contract'
import type { EventBus } from '../events/event-bus'
import { listenForTeamChanges } from './sync/change-pokes'
import type { RetryPolicy } from './sync/pusher'
import { createTeamReviewSync, type TeamReviewSync } from './sync/team-review-sync'
import { isOpRejected, type TeamReviewTransport } from './sync/transport'
import { pgReviewTransport } from './sync/transport-pg'
import type { TeamConnection } from './team-connection'
import type { StartTeamCompanion, TeamCompanion, TeamCompanionContext } from './team-service'

export interface TeamReviewTiming {
  /** A full round (push, pull) at least this often (ms); saves and pokes start one sooner. */
  roundEveryMs?: number
  /** Wait before the LISTEN connection is tried again after it failed or dropped (ms). */
  pokeRetryMs?: number
  retry?: Partial<RetryPolicy>
}

/**
 * The review sync's transport through the profile's TeamConnection: its pool, its view of online
 * and offline. An op the server refuses for its content keeps its SQLSTATE (the connection would
 * turn it into an app error), so the sync parks it instead of retrying it for ever.
 */
export function connectionTransport(connection: Pick<TeamConnection, 'withMember'>): TeamReviewTransport {
  async function run<T>(request: (transport: TeamReviewTransport) => Promise<T>): Promise<T> {
    const outcome = await connection.withMember(async (client) => {
      try {
        return { value: await request(pgReviewTransport(client)) }
      } catch (error) {
        if (isOpRejected(error)) return { rejected: error }
        throw error
      }
    })
    if ('rejected' in outcome) throw outcome.rejected
    return outcome.value
  }
  return {
    applyOps: (device, ops) => run((transport) => transport.applyOps(device, ops)),
    pullChanges: (cursor, limit) => run((transport) => transport.pullChanges(cursor, limit)),
  }
}

/** One services graph's review sync: the active team profile's, while its connection is open. */
export class TeamReviewCompanion {
  private active: { profileId: string; sync: TeamReviewSync } | null = null

  constructor(
    private readonly events: EventBus,
    private readonly timing: TeamReviewTiming = {},
  ) {}

  /** For TeamService's companions: starts with the connection, stops before it. */
  readonly start: StartTeamCompanion = (context) => this.open(context)

  /** The open team profile's review sync; null for a BYRobot profile or before its connection starts. */
  current(profileId: string | null): TeamReviewSync | null {
    return this.active && this.active.profileId === profileId ? this.active.sync : null
  }

  private open({ profileId, member, connection, cache }: TeamCompanionContext): TeamCompanion {
    let pullTimer: NodeJS.Timeout | null = null
    const sync = createTeamReviewSync({
      reviews: cache.reviews,
      transport: connectionTransport(connection),
      member,
      retry: this.timing.retry,
      onReviewsChanged: (callIds) => this.events.emit('team.reviewsChanged', { profileId, callIds }),
      // Inside the pull's transaction: only schedule. A new or reclaimed assignment changes what the
      // replica must hold; one pull covers every assignment row of a round.
      onAssignment: () => {
        pullTimer ??= setTimeout(() => {
          pullTimer = null
          void connection.pull().catch(() => undefined)
        }, 0)
      },
    })
    const report = () => {
      const { pending, parked } = sync.status()
      connection.setPendingOps(pending, parked)
    }
    report()
    const unsubscribeStatus = sync.onStatus(report)
    // The connection coming back (its own watch noticed): send what waited at once, not at the next round.
    let lastState: TeamStatus['state'] | null = connection.status().state
    const unsubscribeEvents = this.events.subscribe((event) => {
      if (event.name !== 'team.status' || event.payload.profileId !== profileId) return
      const cameBack = event.payload.state === 'online' && lastState !== 'online'
      lastState = event.payload.state
      if (cameBack) void sync.syncNow()
    })
    const pokes = listenForTeamChanges({
      connect: () => connection.listenClient(),
      onPoke: () => void sync.syncNow(),
      retryMs: this.timing.pokeRetryMs,
    })
    sync.start(this.timing.roundEveryMs)
    this.active = { profileId, sync }

    return {
      stop: async () => {
        if (this.active?.sync === sync) this.active = null
        unsubscribeEvents()
        await pokes.close()
        // Waits for the round in progress, then detaches from the reviews file before it closes.
        await sync.close()
        unsubscribeStatus()
        if (pullTimer) clearTimeout(pullTimer)
        pullTimer = null
      },
    }
  }
}
