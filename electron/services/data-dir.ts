// The data directory: created private (0700) because it will hold call recordings and keys.
import { chmodSync, mkdirSync } from 'node:fs'
import { homedir } from 'node:os'
import { join, resolve } from 'node:path'

export function defaultDataDir(): string {
  if (process.env.CALLLENS_DATA_DIR) return resolve(process.env.CALLLENS_DATA_DIR)
  if (process.platform === 'win32')
    return join(process.env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'CallLens')
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'CallLens')
  return join(process.env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'CallLens')
}

export function ensureDataDir(dir: string): string {
  const absolute = resolve(dir)
  mkdirSync(absolute, { recursive: true, mode: 0o700 })
  if (process.platform !== 'win32') chmodSync(absolute, 0o700)
  return absolute
}
