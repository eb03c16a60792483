// App secrets encrypted with Electron safeStorage, one 0600 file per profile.
// On Linux without a keyring safeStorage falls back to a fixed key ('basic_text'):
// that is reported as 'safe-storage-weak' so the UI can say so instead of claiming encryption.
import type { SafeStorage } from 'electron'
import { chmodSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { secretsDir, type SecretStorageKind, type SecretStore } from '../services/profiles/secret-store'

export class SafeStorageSecretStore implements SecretStore {
  constructor(
    private readonly safeStorage: SafeStorage,
    private readonly dataDir: string,
  ) {}

  private file(profileId: string): string {
    return join(secretsDir(this.dataDir), `${profileId}.enc`)
  }

  private weak(): boolean {
    return process.platform === 'linux' && this.safeStorage.getSelectedStorageBackend() === 'basic_text'
  }

  get(profileId: string): string | null {
    const file = this.file(profileId)
    if (!existsSync(file)) return null
    try {
      return this.safeStorage.decryptString(readFileSync(file))
    } catch {
      return null
    }
  }

  set(profileId: string, secret: string): void {
    if (!this.safeStorage.isEncryptionAvailable()) {
      throw new Error('Encryption is not available on this system; the app secret was not stored')
    }
    const file = this.file(profileId)
    writeFileSync(file, this.safeStorage.encryptString(secret), { mode: 0o600 })
    if (process.platform !== 'win32') chmodSync(file, 0o600)
  }

  remove(profileId: string): void {
    rmSync(this.file(profileId), { force: true })
  }

  storage(profileId: string): SecretStorageKind | null {
    if (!existsSync(this.file(profileId))) return null
    return this.weak() ? 'safe-storage-weak' : 'safe-storage'
  }
}
