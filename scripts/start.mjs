// `npm start`: build if needed, then open CallLens in Electron where its binary
// exists, else in browser mode. `npm run serve` (this script with --browser) forces browser mode.
// Other arguments (--port N, --data-dir DIR) pass through.
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { buildIfNeeded } from './build-if-needed.mjs'

const ROOT = join(import.meta.dirname, '..')
const args = process.argv.slice(2)
const forceBrowser = args.includes('--browser')
const passThrough = args.filter((arg) => arg !== '--browser')

function electronBinary() {
  try {
    const path = createRequire(import.meta.url)('electron')
    return typeof path === 'string' && existsSync(path) ? path : null
  } catch {
    return null
  }
}

buildIfNeeded()
const binary = forceBrowser ? null : electronBinary()
const child = binary
  ? spawn(binary, [ROOT, ...passThrough], { stdio: 'inherit' })
  : spawn(process.execPath, [join(ROOT, 'out/main/host.js'), ...passThrough], { stdio: 'inherit' })

for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal))
child.on('exit', (code) => process.exit(code ?? 0))
