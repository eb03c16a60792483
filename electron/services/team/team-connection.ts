// One team profile's live link to its team database: a small pg pool logged in as the member,
// a watch that notices the database going away and coming back (no action needed from the
// reviewer), pulls of the held calls into the local replica, claims and releases. Its status
// (online / offline / connecting, last pull, pending ops, why) is reported on every change.
import type pg from 'pg'
import pLimit from 'p-limit'
import { AppFailure, type TeamStatus } from '../../shared/contract'
import type { CallCache } from '../cache'
import type { TeamLogin } from '../profiles/profile-service'
import { pgModule } from './pg-module'
import { claimBatch, releaseCalls } from './team-claims'
import { connectionString, teamErrorCode, teamFailure } from './team-login'
import { applyHeldCatalogue, mergeCatalogues, readCatalogue, readHeldCatalogue } from './team-pull'
import { plainRecordingFetch, prefetchRecordings, type FetchResponse, type PrefetchResult } from './team-recordings'

export interface TeamConnectionOptions {
  profileId: string
  login: TeamLogin
  /** The profile's open cache: the replica (the workspace owns it; this connection stops before it closes). */
  cache(): CallCache
  profileDir: string
  onStatus(status: TeamStatus): void
  /** How often the database is checked while offline, and while online (ms). */
  probeEveryMs?: number
  /** How often the held calls are pulled while online (ms): leases reclaimed elsewhere show up. */
  pullEveryMs?: number
  connectTimeoutMs?: number
  fetchRecording?: FetchResponse
  now?: () => Date
}

/** Opened calls kept beside the held ones; past this, the longest-open one is let go (each pull reads them all). */
const VISITING_MAX = 200

export class TeamConnection {
  private readonly pool: pg.Pool
  private readonly exclusive = pLimit(1)
  private readonly versions = new Map<number, string>()
  private current: TeamStatus
  private timer: NodeJS.Timeout | null = null
  private stopped = false
  private lastPullMs = 0
  private prefetching: Promise<PrefetchResult | null> = Promise.resolve(null)
  private readonly abort = new AbortController()
  /**
   * Calls a lead opened from the lead's page without holding them: every pull keeps them in the
   * replica (and refreshes them) until this connection stops — the app quits or the profile
   * changes —, then the next pull drops them like any call no longer held.
   */
  private readonly visiting = new Set<number>()

  constructor(private readonly options: TeamConnectionOptions) {
    const timeout = options.connectTimeoutMs ?? 5000
    this.pool = new (pgModule().Pool)({
      connectionString: connectionString(options.login),
      max: 2,
      connectionTimeoutMillis: timeout,
      idleTimeoutMillis: 30_000,
      // Statements that hang on a dead link fail instead of waiting forever.
      query_timeout: Math.max(timeout * 4, 20_000),
      allowExitOnIdle: true,
    })
    // A pooled client's socket dying (server stopped, backend terminated) is reported here; the
    // pool drops that client and the next probe decides whether we are offline.
    this.pool.on('error', () => this.schedule(0))
    this.current = {
      state: 'connecting',
      profileId: options.profileId,
      lastPullAt: null,
      replicaChangedAt: null,
      heldCalls: options.cache().cachedCallIds().length,
      pendingOps: 0,
      parkedOps: 0,
      error: null,
    }
  }

  status(): TeamStatus {
    return this.current
  }

  /** Starts watching: connect, pull, then probe and pull on their intervals. */
  start(): void {
    this.schedule(0)
  }

  async stop(): Promise<void> {
    this.stopped = true
    if (this.timer) clearTimeout(this.timer)
    this.abort.abort()
    await this.prefetching.catch(() => null)
    await this.exclusive(() => undefined)
    await this.pool.end().catch(() => undefined)
  }

  /** The review outbox reports how many local edits wait for the server, and how many it refused. */
  setPendingOps(pendingOps: number, parkedOps = 0): void {
    this.update({ pendingOps, parkedOps })
  }

  /**
   * A new connection of its own as the member, for LISTEN (which holds a connection): the review
   * sync's pokes. The caller ends it; the password stays inside this class.
   */
  async listenClient(): Promise<pg.Client> {
    const client = new (pgModule().Client)({
      connectionString: connectionString(this.options.login),
      connectionTimeoutMillis: this.options.connectTimeoutMs ?? 5000,
    })
    // A dropped socket is reported on the client ('error', 'end'); the listener decides what to do.
    client.on('error', () => undefined)
    try {
      await client.connect()
      return client
    } catch (error) {
      await client.end().catch(() => undefined)
      throw teamFailure(error, this.options.login)
    }
  }

  /** The recordings being fetched after the latest pull (tests and shutdown wait for them). */
  recordingsSettled(): Promise<PrefetchResult | null> {
    return this.prefetching
  }

  private update(patch: Partial<TeamStatus>): void {
    const next = { ...this.current, ...patch }
    if (JSON.stringify(next) === JSON.stringify(this.current)) return
    this.current = next
    if (!this.stopped) this.options.onStatus(next)
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return
    if (this.timer) clearTimeout(this.timer)
    this.timer = setTimeout(() => void this.tick(), delayMs)
    this.timer.unref()
  }

  private async tick(): Promise<void> {
    this.timer = null
    const probeEvery = this.options.probeEveryMs ?? 5000
    try {
      await this.pool.query('SELECT 1')
      const cameBack = this.current.state !== 'online'
      if (cameBack) this.update({ state: 'online', error: null })
      if (cameBack || Date.now() - this.lastPullMs >= (this.options.pullEveryMs ?? 60_000)) await this.pull()
    } catch (error) {
      this.offline(error)
    }
    this.schedule(probeEvery)
  }

  private offline(error: unknown): void {
    const code = teamErrorCode(error)
    // The server answered but refused (no grant, schema too old): reachable, so not "offline".
    if (code === 'team_refused') this.update({ error: code })
    else this.update({ state: 'offline', error: code })
  }

  /**
   * Runs one database action as the member on this connection's pool; a lost link marks the
   * connection offline (and the watch brings it back). The review outbox's transport runs here.
   */
  async withMember<T>(action: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    let client: pg.PoolClient
    try {
      client = await this.pool.connect()
    } catch (error) {
      this.offline(error)
      this.schedule(this.options.probeEveryMs ?? 5000)
      throw teamFailure(error, this.options.login)
    }
    let failed = false
    // pg-pool listens for a client's 'error' only while it is idle: a link dying while the action
    // holds it (between two queries, or under a ROLLBACK after a failed one) would otherwise be an
    // unhandled 'error' event that ends the whole process. The action's own query fails anyway.
    const lost = () => {
      failed = true
      this.schedule(0)
    }
    client.on('error', lost)
    try {
      return await action(client)
    } catch (error) {
      failed = true
      const code = teamErrorCode(error)
      if (code === 'team_unreachable' || code === 'team_bad_login') {
        this.offline(error)
        this.schedule(this.options.probeEveryMs ?? 5000)
      }
      throw teamFailure(error, this.options.login)
    } finally {
      // A client an action failed on may be half-dead or mid-transaction: it is closed, not reused.
      client.off('error', lost)
      client.release(failed)
    }
  }

  /** Copies the held calls into the replica (and drops the others), then fetches their recordings in the background. */
  async pull(): Promise<TeamStatus> {
    const visiting = [...this.visiting]
    const { held, replica } = await this.withMember(async (client) => {
      const held = await readHeldCatalogue(client)
      return { held, replica: visiting.length ? mergeCatalogues(held, await readCatalogue(client, visiting)) : held }
    })
    const applied = await this.exclusive(() => applyHeldCatalogue(this.options.cache(), replica, this.versions))
    this.lastPullMs = Date.now()
    const now = this.options.now?.() ?? new Date()
    const changed = applied.written > 0 || applied.removed > 0
    this.update({
      state: 'online',
      error: null,
      lastPullAt: now.toISOString(),
      heldCalls: held.calls.length,
      ...(changed ? { replicaChangedAt: now.toISOString() } : {}),
    })
    const previous = this.prefetching
    this.prefetching = previous
      .catch(() => null)
      .then(() =>
        prefetchRecordings(
          replica.calls.map((c) => c.detail),
          {
            fetchResponse: this.options.fetchRecording ?? plainRecordingFetch(),
            profileDir: this.options.profileDir,
            exclusive: (write) => this.exclusive(write),
            cache: this.options.cache,
            signal: this.abort.signal,
            now: this.options.now,
          },
        ),
      )
    return this.current
  }

  /** Claims up to `count` calls as the member, then pulls them in. */
  async claim(count: number, campaign?: number): Promise<number[]> {
    const claimed = await this.withMember((client) => claimBatch(client, count, campaign))
    await this.pull()
    return claimed
  }

  /** Gives calls back, then pulls: they leave the replica (their reviews stay). */
  async release(callIds: number[]): Promise<number[]> {
    const released = await this.withMember((client) => releaseCalls(client, callIds))
    await this.pull()
    return released
  }

  /**
   * Brings one call the member does not hold into the replica (a lead opening it from the lead's
   * page), through the same pull; not_found when the member cannot read it in the catalogue.
   */
  async visit(callId: number): Promise<void> {
    const known = this.visiting.has(callId)
    this.visiting.add(callId)
    if (this.visiting.size > VISITING_MAX) this.visiting.delete(this.visiting.values().next().value!)
    try {
      await this.pull()
    } catch (error) {
      if (!known) this.visiting.delete(callId)
      throw error
    }
    if (!this.options.cache().cachedCallIds().includes(callId)) {
      this.visiting.delete(callId)
      throw new AppFailure('not_found', `Call ${callId} is not in the team catalogue`)
    }
  }

  /** Who the member is on the server: their team role and how many calls they hold. */
  async whoAmI(): Promise<{ member: string; role: 'reviewer' | 'lead' | 'sync_host' | null; heldCalls: number }> {
    return this.withMember((client) => describeMember(client))
  }
}

export async function describeMember(
  client: Pick<pg.ClientBase, 'query'>,
): Promise<{ member: string; role: 'reviewer' | 'lead' | 'sync_host' | null; heldCalls: number }> {
  const { rows } = await client.query<{ member: string; role: 'reviewer' | 'lead' | 'sync_host' | null }>(
    `SELECT current_user AS member,
       CASE WHEN pg_has_role(current_user, 'lead', 'MEMBER') THEN 'lead'
            WHEN pg_has_role(current_user, 'reviewer', 'MEMBER') THEN 'reviewer'
            WHEN pg_has_role(current_user, 'sync_host', 'MEMBER') THEN 'sync_host' END AS role`,
  )
  const { member, role } = rows[0]!
  // Only reviewers and leads may read assignments; a sync host holds none.
  if (role !== 'reviewer' && role !== 'lead') return { member, role, heldCalls: 0 }
  const { rows: held } = await client.query<{ n: number }>(
    "SELECT count(*)::int AS n FROM team.assignment WHERE assignee = current_user AND state = 'open'",
  )
  return { member, role, heldCalls: held[0]!.n }
}
