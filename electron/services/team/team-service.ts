// Team mode in the service graph: the connection of the active profile when it is a team
// profile (started on first use, stopped before its cache closes or another profile opens), the
// connection test of the Connections page, and the status the header shows.
import { pgModule } from './pg-module'
import { AppFailure, type TeamStatus, type TeamTestInput, type TeamTestResult } from '../../shared/contract'
import type { CallCache } from '../cache'
import type { EventBus } from '../events/event-bus'
import type { ProfileService, TeamLogin } from '../profiles/profile-service'
import type { WorkspaceService } from '../workspace/workspace-service'
import { describeMember, TeamConnection, type TeamConnectionOptions } from './team-connection'
import { connectionString, teamFailure } from './team-login'

export type TeamTiming = Pick<
  TeamConnectionOptions,
  'probeEveryMs' | 'pullEveryMs' | 'connectTimeoutMs' | 'fetchRecording'
>

/**
 * Something that runs beside a team profile's connection for as long as it is open — the review
 * outbox (push and pull of reviews) is one: started when the connection starts, stopped before
 * it stops (so before the profile's cache closes). It reports its pending ops through
 * `connection.setPendingOps` and reaches the database through `connection.withMember`.
 */
export interface TeamCompanion {
  stop(): Promise<void> | void
}

export interface TeamCompanionContext {
  profileId: string
  /** The member's login name (reviews of other members in a lead's feed are not this device's). */
  member: string
  connection: TeamConnection
  /** The profile's open cache (the replica) and, beside it, its reviews file. */
  cache: CallCache
  reviewsPath: string
}

export type StartTeamCompanion = (context: TeamCompanionContext) => TeamCompanion

const NO_TEAM: TeamStatus = {
  state: 'none',
  profileId: null,
  lastPullAt: null,
  replicaChangedAt: null,
  heldCalls: 0,
  pendingOps: 0,
  parkedOps: 0,
  error: null,
}

export class TeamService {
  private open: TeamConnection | null = null
  private companions: TeamCompanion[] = []

  constructor(
    private readonly profiles: ProfileService,
    private readonly workspace: WorkspaceService,
    private readonly events: EventBus,
    private readonly timing: TeamTiming = {},
    private readonly startCompanions: readonly StartTeamCompanion[] = [],
  ) {}

  /** The active team profile's connection, started on first use; null when the active profile is a BYRobot one. */
  connection(): TeamConnection | null {
    const activeId = this.profiles.list().activeId
    const profile = activeId ? this.profiles.get(activeId) : null
    if (this.open && this.open.status().profileId === profile?.id) return this.open
    if (this.open) void this.stop()
    if (!profile?.team) return null
    const workspace = this.workspace.current()
    const login = this.profiles.teamLogin(profile.id)
    const connection = new TeamConnection({
      profileId: profile.id,
      login,
      cache: () => this.workspace.current().cache,
      profileDir: workspace.dir,
      onStatus: (status) => this.events.emit('team.status', status),
      ...this.timing,
    })
    this.open = connection
    connection.start()
    const context = {
      profileId: profile.id,
      member: login.member,
      connection,
      cache: workspace.cache,
      reviewsPath: workspace.cache.reviewsPath,
    }
    this.companions = this.startCompanions.map((start) => start(context))
    return connection
  }

  /** The active team profile's connection, or a clear refusal for a BYRobot profile. */
  require(): TeamConnection {
    const connection = this.connection()
    if (!connection) throw new AppFailure('team_profile_kind', 'The active connection is not a team profile')
    return connection
  }

  status(): TeamStatus {
    try {
      return this.connection()?.status() ?? NO_TEAM
    } catch (error) {
      // A team profile that cannot even start (its password unreadable) is offline, and says why.
      const code = error instanceof AppFailure ? error.code : 'internal'
      return { ...NO_TEAM, state: 'offline', profileId: this.profiles.list().activeId, error: code }
    }
  }

  /** Before the open cache closes (profile switch or removal): the replica's writer stops first. */
  async stop(): Promise<void> {
    const connection = this.open
    const companions = this.companions
    this.open = null
    this.companions = []
    await Promise.all(companions.map((companion) => companion.stop()))
    await connection?.stop()
  }

  /** Logs in once as the member (the stored password when the form leaves it empty); nothing is kept. */
  async test(input: TeamTestInput): Promise<TeamTestResult> {
    const stored = !input.password && input.id ? this.profiles.teamLogin(input.id) : null
    // A stored password goes only to the database it was entered for (a page cannot send it elsewhere).
    if (stored && stored.dbUrl !== input.dbUrl) {
      throw new AppFailure('invalid_input', 'Enter the password again to test a different database address')
    }
    const password = input.password ?? stored?.password
    if (!password) throw new AppFailure('invalid_input', 'A password is required to test a new team connection')
    const login: TeamLogin = { dbUrl: input.dbUrl, member: input.member, password }
    const client = new (pgModule().Client)({ connectionString: connectionString(login), connectionTimeoutMillis: 8000 })
    client.on('error', () => undefined)
    try {
      await client.connect()
      return { ok: true as const, ...(await describeMember(client)) }
    } catch (error) {
      throw teamFailure(error, login)
    } finally {
      await client.end().catch(() => undefined)
    }
  }
}
