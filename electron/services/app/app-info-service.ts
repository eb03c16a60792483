// What the About panel shows: version, transport mode, where data lives.
import type { AppInfo, AppMode } from '../../shared/contract'

export interface AppInfoSource {
  mode: AppMode
  dataDir: string
  version: string
  versions?: Record<string, string>
}

export function createAppInfo(source: AppInfoSource): AppInfo {
  const versions: Record<string, string> = { node: process.versions.node, ...source.versions }
  return {
    name: 'CallLens',
    version: source.version,
    mode: source.mode,
    dataDir: source.dataDir,
    platform: `${process.platform}-${process.arch}`,
    versions,
  }
}
