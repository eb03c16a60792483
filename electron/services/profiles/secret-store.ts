// Where app secrets live. The Electron shell provides a safeStorage-backed store;
// browser mode and the CLI use a 0600 key file or the CALLLENS_APP_SECRET variable.
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

export type SecretStorageKind = 'safe-storage' | 'safe-storage-weak' | 'key-file' | 'environment'

export interface SecretStore {
  get(profileId: string): string | null
  set(profileId: string, secret: string): void
  remove(profileId: string): void
  /** How the secret of this profile is kept, or null when there is none. */
  storage(profileId: string): SecretStorageKind | null
}

export const SECRET_ENV = 'CALLLENS_APP_SECRET'
/** A team member's password in browser mode and the CLI, when no key file holds it. */
export const DB_PASSWORD_ENV = 'CALLLENS_DB_PASSWORD'

const TEAM_SUFFIX = '-team'

/** The key of a team profile's member password (beside, never instead of, an app secret). */
export const teamSecretKey = (profileId: string): string => `${profileId}${TEAM_SUFFIX}`

/** Which variable stands in for a missing key file: the team password or the app secret. */
const envVariable = (key: string): string => (key.endsWith(TEAM_SUFFIX) ? DB_PASSWORD_ENV : SECRET_ENV)

export function secretsDir(dataDir: string): string {
  const dir = join(dataDir, 'secrets')
  mkdirSync(dir, { recursive: true, mode: 0o700 })
  if (process.platform !== 'win32') chmodSync(dir, 0o700)
  return dir
}

export class KeyFileSecretStore implements SecretStore {
  constructor(
    private readonly dataDir: string,
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {}

  private file(profileId: string): string {
    return join(secretsDir(this.dataDir), `${profileId}.key`)
  }

  get(profileId: string): string | null {
    const file = this.file(profileId)
    if (existsSync(file)) return readFileSync(file, 'utf8').trim() || null
    return this.env[envVariable(profileId)] || null
  }

  set(profileId: string, secret: string): void {
    const file = this.file(profileId)
    writeFileSync(file, secret, { mode: 0o600 })
    if (process.platform !== 'win32') chmodSync(file, 0o600)
  }

  remove(profileId: string): void {
    rmSync(this.file(profileId), { force: true })
  }

  storage(profileId: string): SecretStorageKind | null {
    if (existsSync(this.file(profileId))) return 'key-file'
    return this.env[envVariable(profileId)] ? 'environment' : null
  }
}
