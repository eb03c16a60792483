import { createRequire } from 'node:module'
import { existsSync } from 'node:fs'
import { join } from 'node:path'

export const REPO_ROOT = join(import.meta.dirname, '..')
export const HOST_ENTRY = join(REPO_ROOT, 'out/main/host.js')

/** The Electron binary's path when one is installed, else null (then e2e runs in browser mode). */
export function electronBinary(): string | null {
  if (process.env.CALLLENS_E2E_MODE === 'browser') return null
  try {
    const path = createRequire(import.meta.url)('electron') as unknown
    return typeof path === 'string' && existsSync(path) ? path : null
  } catch {
    return null
  }
}
