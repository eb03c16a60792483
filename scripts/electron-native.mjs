// better-sqlite3 for Electron's ABI, kept apart from the Node build that tests use:
// a copy of the package under node_modules/.calllens-electron/, built there (prebuilt
// binary for Electron, else node-gyp against Electron's headers). The app loads it
// through better-sqlite3's `nativeBinding` option (see electron/main/index.ts).
import { spawnSync } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

const require = createRequire(import.meta.url)
const ROOT = join(import.meta.dirname, '..')
export const ELECTRON_SQLITE_DIR = join(ROOT, 'node_modules', '.calllens-electron', 'better-sqlite3')
export const ELECTRON_SQLITE_BINDING = join(ELECTRON_SQLITE_DIR, 'build', 'Release', 'better_sqlite3.node')

function run(command, args, cwd) {
  return spawnSync(command, args, { cwd, stdio: ['ignore', 'ignore', 'pipe'], shell: process.platform === 'win32' })
    .status
}

export function buildForElectron() {
  const electronVersion = require('electron/package.json').version
  const source = dirname(require.resolve('better-sqlite3/package.json'))
  rmSync(ELECTRON_SQLITE_DIR, { recursive: true, force: true })
  mkdirSync(dirname(ELECTRON_SQLITE_DIR), { recursive: true })
  cpSync(source, ELECTRON_SQLITE_DIR, { recursive: true, filter: (path) => !path.includes(`${source}/build`) })
  const bin = join(ROOT, 'node_modules', '.bin')
  const prebuilt = run(
    join(bin, 'prebuild-install'),
    ['--runtime', 'electron', '--target', electronVersion, '--arch', process.arch],
    ELECTRON_SQLITE_DIR,
  )
  if (prebuilt !== 0 || !existsSync(ELECTRON_SQLITE_BINDING)) {
    run(
      'npx',
      [
        'node-gyp',
        'rebuild',
        '--release',
        '--runtime=electron',
        `--target=${electronVersion}`,
        '--dist-url=https://electronjs.org/headers',
      ],
      ELECTRON_SQLITE_DIR,
    )
  }
  const ok = existsSync(ELECTRON_SQLITE_BINDING)
  console.log(
    ok
      ? `CallLens: better-sqlite3 built for Electron ${electronVersion}.`
      : 'CallLens: could not build better-sqlite3 for Electron; the desktop app cannot open its cache (browser mode still works).',
  )
  return ok
}

if (import.meta.url === `file://${process.argv[1]}`) process.exit(buildForElectron() ? 0 : 1)
