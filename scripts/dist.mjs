// `npm run dist`: the installers for this platform, as electron-builder.yml describes them, in dist/.
// Extra arguments go to electron-builder (release.yml adds `--publish always`). Where no Electron
// binary can be had (these development machines) it stops at once with one line, instead of a
// stack trace from electron-builder's download minutes later.
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { buildIfNeeded } from './build-if-needed.mjs'
import { buildForElectron } from './electron-native.mjs'

const ROOT = join(import.meta.dirname, '..')
export const NO_ELECTRON_LINE =
  'CallLens: cannot build installers here: no Electron binary on this machine (its download is blocked or was skipped). The release workflow builds them on GitHub runners.'

/** The Electron binary npm installed (the same download electron-builder would need), or null. */
function electronBinary() {
  try {
    const path = createRequire(import.meta.url)('electron')
    return typeof path === 'string' && existsSync(path) ? path : null
  } catch {
    return null
  }
}

/** Signing and notarisation come from the environment; absent, each is skipped with one line. */
function signingOptions(env) {
  const args = []
  const lines = []
  const certificate = env.CSC_LINK || env.CSC_NAME || (process.platform === 'win32' && env.WIN_CSC_LINK)
  if (process.platform !== 'linux' && !certificate) {
    lines.push('CallLens: no signing certificate (CSC_LINK): the installer is unsigned.')
    // Otherwise electron-builder searches the keychain and may sign with whatever it finds.
    env.CSC_IDENTITY_AUTO_DISCOVERY = 'false'
  }
  if (process.platform === 'darwin') {
    if (env.APPLE_ID && env.APPLE_APP_SPECIFIC_PASSWORD && env.APPLE_TEAM_ID) args.push('-c.mac.notarize=true')
    else lines.push('CallLens: notarisation skipped (APPLE_ID, APPLE_APP_SPECIFIC_PASSWORD, APPLE_TEAM_ID not set).')
  }
  return { args, lines }
}

function main() {
  if (!electronBinary()) {
    console.error(NO_ELECTRON_LINE)
    return 1
  }
  buildIfNeeded()
  if (!buildForElectron()) return 1
  const env = { ...process.env }
  const { args, lines } = signingOptions(env)
  for (const line of lines) console.log(line)
  const builder = join(
    ROOT,
    'node_modules',
    '.bin',
    process.platform === 'win32' ? 'electron-builder.cmd' : 'electron-builder',
  )
  const result = spawnSync(builder, [...args, ...process.argv.slice(2)], {
    cwd: ROOT,
    env,
    stdio: 'inherit',
    shell: process.platform === 'win32',
  })
  return result.status ?? 1
}

process.exit(main())
