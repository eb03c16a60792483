// Where the app finds its own files: in a checkout (npm start, e2e) beside the sources; in an
// installed app where electron-builder.yml puts them (outside app.asar, so they are plain files).
import { join } from 'node:path'

export interface AppLocation {
  /** `app.isPackaged`: running from an installer's app.asar. */
  isPackaged: boolean
  /** `app.getAppPath()`: the checkout, or …/resources/app.asar. */
  appPath: string
  /** `process.resourcesPath`: …/resources of the installed app. */
  resourcesPath: string
}

/** better-sqlite3 built for Electron's ABI (scripts/electron-native.mjs); installed, a plain file beside app.asar. */
export function sqliteBindingPath(at: AppLocation): string {
  return at.isPackaged
    ? join(at.resourcesPath, 'native', 'better_sqlite3.node')
    : join(
        at.appPath,
        'node_modules',
        '.calllens-electron',
        'better-sqlite3',
        'build',
        'Release',
        'better_sqlite3.node',
      )
}

/** The demo dataset: electron-builder's extraResources copies resources/demo to resources/demo. */
export function demoDatasetPath(at: AppLocation): string {
  return at.isPackaged ? join(at.resourcesPath, 'demo') : join(at.appPath, 'resources', 'demo')
}
