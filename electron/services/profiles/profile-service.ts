// Connection profiles: stored without their secret (that goes to the SecretStore),
// shown to the renderer masked, and turned into live credentials only here in main.
// Each owns a directory under the data directory (profile-usage.ts), deleted with it.
import { randomBytes } from 'node:crypto'
import { rmSync } from 'node:fs'
import { z } from 'zod'
import {
  AppFailure,
  lastSyncSchema,
  type LastSync,
  type ProfileInput,
  type ProfilesState,
  type ProfileUsage,
  type ProfileView,
  type TeamProfileInput,
} from '../../shared/contract'
import { profileDirectory, readProfileUsage } from './profile-usage'
import { teamSecretKey, type SecretStore } from './secret-store'

export interface Profile {
  id: string
  name: string
  baseUrl: string
  appKey: string
  companyId: number
  demo: boolean
  lastSync: LastSync | null
  /** Set on a team profile: its source is a team database, not a BYRobot account. */
  team?: TeamLink
}

/** Where a team profile's calls come from: the database (no password in it) and the member. */
export interface TeamLink {
  dbUrl: string
  member: string
}

/** A team profile's login, password included: main only. */
export interface TeamLogin extends TeamLink {
  password: string
}

export interface Credentials extends Profile {
  appSecret: string
}

const storedSchema = z.object({
  profiles: z
    .array(
      z.object({
        id: z.string(),
        name: z.string(),
        baseUrl: z.string(),
        appKey: z.string(),
        companyId: z.number(),
        demo: z.boolean().default(false),
        // A record that no longer parses (a hand edit, another version) reads as "never synced".
        lastSync: lastSyncSchema.nullable().catch(null).default(null),
        team: z.object({ dbUrl: z.string(), member: z.string() }).optional(),
      }),
    )
    .default([]),
  activeId: z.string().nullable().default(null),
})

/** The part of conf / electron-store used here (same as settings). */
export interface ProfilesBackend {
  store: Record<string, unknown>
}

export function maskAppKey(appKey: string): string {
  if (appKey.length <= 6) return '•'.repeat(appKey.length)
  return `${appKey.slice(0, 3)}${'•'.repeat(Math.min(8, appKey.length - 6))}${appKey.slice(-3)}`
}

export class ProfileService {
  constructor(
    private readonly backend: ProfilesBackend,
    private readonly secrets: SecretStore,
    /** The data directory: profiles' own directories live under its `profiles/`. */
    private readonly dataDir: string,
  ) {}

  private read(): z.infer<typeof storedSchema> {
    const parsed = storedSchema.safeParse(this.backend.store)
    return parsed.success ? parsed.data : { profiles: [], activeId: null }
  }

  private write(state: z.infer<typeof storedSchema>): void {
    this.backend.store = state
  }

  view(profile: Profile): ProfileView {
    const storage = this.secrets.storage(profile.team ? teamSecretKey(profile.id) : profile.id)
    return {
      id: profile.id,
      name: profile.name,
      baseUrl: profile.baseUrl,
      appKeyMasked: maskAppKey(profile.appKey),
      companyId: profile.companyId,
      demo: profile.demo,
      secretConfigured: storage !== null,
      secretStorage: storage,
      lastSync: profile.lastSync ?? null,
      team: profile.team ? { dbUrl: profile.team.dbUrl, member: profile.team.member } : null,
    }
  }

  list(): ProfilesState {
    const state = this.read()
    return { profiles: state.profiles.map((p) => this.view(p)), activeId: state.activeId }
  }

  get(id: string): Profile {
    const profile = this.read().profiles.find((p) => p.id === id)
    if (!profile) throw new AppFailure('not_found', `No connection profile "${id}"`)
    return profile
  }

  active(): Profile {
    const { activeId } = this.read()
    if (!activeId) throw new AppFailure('no_profile', 'No connection profile is active')
    return this.get(activeId)
  }

  credentials(id: string): Credentials {
    const profile = this.get(id)
    if (profile.team) {
      throw new AppFailure(
        'team_profile_kind',
        `"${profile.name}" is a team profile: its calls come from the team database`,
      )
    }
    const appSecret = this.secrets.get(id)
    if (!appSecret) throw new AppFailure('secret_unavailable', `The app secret of "${profile.name}" is not available`)
    return { ...profile, appSecret }
  }

  /** A team profile's database, member and password (main only: never returned by a channel). */
  teamLogin(id: string): TeamLogin {
    const profile = this.get(id)
    if (!profile.team) throw new AppFailure('team_profile_kind', `"${profile.name}" is not a team profile`)
    const password = this.secrets.get(teamSecretKey(id))
    if (!password) throw new AppFailure('secret_unavailable', `The team password of "${profile.name}" is not available`)
    return { ...profile.team, password }
  }

  /** Adds a team profile, or edits one (`input.id`): an omitted password keeps the stored one. */
  saveTeam(input: TeamProfileInput): ProfileView {
    const state = this.read()
    const id = input.id ?? `t-${randomBytes(5).toString('hex')}`
    const existing = state.profiles.find((p) => p.id === id)
    if (input.id && !existing) throw new AppFailure('not_found', `No connection profile "${input.id}"`)
    if (existing && !existing.team)
      throw new AppFailure('team_profile_kind', `"${existing.name}" is not a team profile`)
    if (!input.password && !this.secrets.get(teamSecretKey(id))) {
      throw new AppFailure('invalid_input', 'A password is required for a new team connection')
    }
    // A stored password goes only to the database it was entered for: a new address needs it typed again.
    if (!input.password && existing?.team && existing.team.dbUrl !== input.dbUrl) {
      throw new AppFailure('invalid_input', 'Enter the password again to use it with a different database address')
    }
    const profile: Profile = {
      id,
      name: input.name,
      baseUrl: '',
      appKey: '',
      companyId: 0,
      demo: false,
      lastSync: existing?.lastSync ?? null,
      team: { dbUrl: input.dbUrl, member: input.member },
    }
    if (input.password) this.secrets.set(teamSecretKey(id), input.password)
    const profiles = existing ? state.profiles.map((p) => (p.id === id ? profile : p)) : [...state.profiles, profile]
    this.write({ profiles, activeId: state.activeId ?? id })
    return this.view(profile)
  }

  /** Usage figures of every profile, read from their directories (the open workspace stays as it is). */
  usage(): ProfileUsage[] {
    return this.read().profiles.map((profile) => readProfileUsage(this.dataDir, profile.id))
  }

  /** Adds a profile, or edits one (`input.id`): an omitted app key or secret keeps the stored one. */
  save(input: ProfileInput, options: { demo?: boolean } = {}): ProfileView {
    const state = this.read()
    const id = input.id ?? `p-${randomBytes(5).toString('hex')}`
    const existing = state.profiles.find((p) => p.id === id)
    if (input.id && !existing) throw new AppFailure('not_found', `No connection profile "${input.id}"`)
    if (existing?.team) throw new AppFailure('team_profile_kind', `"${existing.name}" is a team profile`)
    const appKey = input.appKey ?? existing?.appKey
    if (!appKey) throw new AppFailure('invalid_input', 'An app key is required for a new connection')
    if (!input.appSecret && !this.secrets.get(id)) {
      throw new AppFailure('invalid_input', 'An app secret is required for a new connection')
    }
    const profile: Profile = {
      id,
      name: input.name,
      baseUrl: input.baseUrl.replace(/\/+$/, ''),
      appKey,
      companyId: input.companyId,
      demo: options.demo ?? existing?.demo ?? false,
      lastSync: existing?.lastSync ?? null,
    }
    if (input.appSecret) this.secrets.set(id, input.appSecret)
    const profiles = existing ? state.profiles.map((p) => (p.id === id ? profile : p)) : [...state.profiles, profile]
    this.write({ profiles, activeId: state.activeId ?? id })
    return this.view(profile)
  }

  /** Keeps how a sync of the profile ended; a profile removed meanwhile is left removed. */
  recordSync(id: string, lastSync: LastSync): void {
    const state = this.read()
    if (!state.profiles.some((p) => p.id === id)) return
    this.write({ ...state, profiles: state.profiles.map((p) => (p.id === id ? { ...p, lastSync } : p)) })
  }

  activate(id: string): ProfilesState {
    this.get(id)
    this.write({ ...this.read(), activeId: id })
    return this.list()
  }

  /**
   * Forgets a profile: its secret and its whole directory (cache, recordings, reviews). The caller
   * closes anything open in that directory first (the workspace, a sync).
   */
  remove(id: string): ProfilesState {
    const state = this.read()
    this.get(id)
    const profiles = state.profiles.filter((p) => p.id !== id)
    // The entry goes first: a failure deleting files then leaves an orphan directory, never a
    // profile whose cache is half gone.
    this.write({ profiles, activeId: state.activeId === id ? (profiles[0]?.id ?? null) : state.activeId })
    this.secrets.remove(id)
    this.secrets.remove(teamSecretKey(id))
    rmSync(profileDirectory(this.dataDir, id), { recursive: true, force: true, maxRetries: 3 })
    return this.list()
  }
}
