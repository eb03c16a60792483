// Builds out/ when any source is newer than the last build (or with --force).
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

const ROOT = join(import.meta.dirname, '..')
const STAMP = join(ROOT, 'out', '.build-stamp')
const SOURCES = ['electron', 'renderer', 'resources', 'electron.vite.config.ts', 'package.json', 'package-lock.json']

function newestMtime(path) {
  if (!existsSync(path)) return 0
  const stats = statSync(path)
  if (!stats.isDirectory()) return stats.mtimeMs
  let newest = stats.mtimeMs
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules') continue
    newest = Math.max(newest, newestMtime(join(path, entry)))
  }
  return newest
}

export function buildIfNeeded({ force = false } = {}) {
  const built = existsSync(STAMP) ? statSync(STAMP).mtimeMs : 0
  const sources = Math.max(...SOURCES.map((source) => newestMtime(join(ROOT, source))))
  if (!force && built > sources) return
  console.error('CallLens: building…')
  const result = spawnSync('npx', ['electron-vite', 'build'], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
    shell: process.platform === 'win32',
  })
  if (result.status !== 0) {
    console.error('CallLens: the build failed (run `npm run build` to see why).')
    process.exit(result.status ?? 1)
  }
  writeFileSync(STAMP, new Date().toISOString())
}

if (import.meta.url === `file://${process.argv[1]}`) buildIfNeeded({ force: process.argv.includes('--force') })
