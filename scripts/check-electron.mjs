// Postinstall: fetch the Electron binary where the network allows it, and say
// in one line when it does not (CallLens then runs in browser mode).
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { buildForElectron } from './electron-native.mjs'

const require = createRequire(import.meta.url)
const BROWSER_MODE_LINE = 'CallLens: no Electron binary on this machine; `npm start` will use browser mode.'

function electronDir() {
  try {
    return dirname(require.resolve('electron/package.json'))
  } catch {
    return null
  }
}

function binaryPresent(dir) {
  try {
    const path = require('electron')
    return typeof path === 'string' && existsSync(path) && existsSync(join(dir, 'path.txt'))
  } catch {
    return false
  }
}

const dir = electronDir()
if (!dir) {
  console.log(BROWSER_MODE_LINE)
} else if (!binaryPresent(dir)) {
  if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) {
    console.log(BROWSER_MODE_LINE)
  } else {
    // electron's own installer; its failure (no internet) must not fail the install.
    const result = spawnSync(process.execPath, [join(dir, 'install.js')], {
      stdio: ['ignore', 'ignore', 'ignore'],
      timeout: 180_000,
    })
    if (result.status !== 0 || !binaryPresent(dir)) console.log(BROWSER_MODE_LINE)
  }
}
// With an Electron binary, the native SQLite module also needs a build for Electron's ABI.
if (dir && binaryPresent(dir)) buildForElectron()
