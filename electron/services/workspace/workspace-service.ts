// The open profile: its cache (one SQLite file per profile) and a BYRobot client
// built from its credentials. Switching profile closes the previous cache.
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { AppFailure } from '../../shared/contract'
import { ByrobotClient } from '../byrobot'
import { CallCache } from '../cache'
import type { MediaSource, RecordingKind } from '../media/media-source'
import type { Credentials, Profile, ProfileService } from '../profiles/profile-service'
import { profileDirectory } from '../profiles/profile-usage'

export interface ProfileWorkspace {
  profile: Profile
  dir: string
  cache: CallCache
}

export interface WorkspaceOptions {
  /** Requests in flight at once per client. */
  concurrency?: number
  timeoutMs?: number
}

export class WorkspaceService implements MediaSource {
  private open: ProfileWorkspace | null = null

  constructor(
    private readonly dataDir: string,
    private readonly profiles: ProfileService,
    private readonly options: WorkspaceOptions = {},
  ) {}

  profileDir(profileId: string): string {
    const dir = profileDirectory(this.dataDir, profileId)
    mkdirSync(dir, { recursive: true, mode: 0o700 })
    return dir
  }

  /** The active profile's workspace, opened on first use. */
  current(): ProfileWorkspace {
    const profile = this.profiles.active()
    if (this.open?.profile.id === profile.id) {
      this.open.profile = profile
      return this.open
    }
    this.close()
    const dir = this.profileDir(profile.id)
    this.open = { profile, dir, cache: this.openCache(dir) }
    return this.open
  }

  private openCache(dir: string): CallCache {
    return new CallCache(join(dir, 'cache.db'), { dataDir: dir })
  }

  /**
   * Runs one job (an export) on any profile's cache: the open workspace's when it is the active
   * profile, else a cache opened for the job and closed after it; the workspace stays as it is.
   */
  async withCacheOf<T>(profileId: string, job: (cache: CallCache) => T | Promise<T>): Promise<T> {
    const profile = this.profiles.get(profileId)
    if (this.profiles.list().activeId === profile.id) return job(this.current().cache)
    const cache = this.openCache(this.profileDir(profile.id))
    try {
      return await job(cache)
    } finally {
      cache.close()
    }
  }

  clientFor(
    credentials: Pick<Credentials, 'baseUrl' | 'appKey' | 'appSecret' | 'companyId'>,
    overrides: { timeoutMs?: number; retries?: number } = {},
  ): ByrobotClient {
    return new ByrobotClient({
      baseUrl: credentials.baseUrl,
      appKey: credentials.appKey,
      appSecret: credentials.appSecret,
      companyId: credentials.companyId,
      ...(this.options.concurrency ? { concurrency: this.options.concurrency } : {}),
      ...(this.options.timeoutMs ? { timeoutMs: this.options.timeoutMs } : {}),
      ...overrides,
    })
  }

  /** One short request, no retries: is the active profile's API reachable right now? */
  async probe(): Promise<{ online: boolean; code: string | null }> {
    const credentials = this.profiles.credentials(this.current().profile.id)
    try {
      await this.clientFor(credentials, { timeoutMs: 4000, retries: 0 }).testConnection()
      return { online: true, code: null }
    } catch (error) {
      return { online: false, code: error instanceof AppFailure ? error.code : 'api_network' }
    }
  }

  client(): ByrobotClient {
    return this.clientFor(this.profiles.credentials(this.current().profile.id))
  }

  recordingFile(callInstanceId: number, kind: RecordingKind): string | null {
    try {
      return this.current().cache.recordingPath(callInstanceId, kind)
    } catch (error) {
      if (error instanceof AppFailure && error.code === 'no_profile') return null
      throw error
    }
  }

  close(): void {
    this.open?.cache.close()
    this.open = null
  }
}
