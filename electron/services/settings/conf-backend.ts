// Settings and profiles storage outside Electron: conf, the library electron-store is built on.
import Conf from 'conf'
import type { SettingsBackend } from './settings-service'

export function createConfBackend(dataDir: string, name = 'settings'): SettingsBackend {
  return new Conf<Record<string, unknown>>({
    cwd: dataDir,
    configName: name,
    projectName: 'calllens',
    // A corrupt file is replaced by defaults rather than crashing start-up.
    clearInvalidConfig: true,
  })
}
