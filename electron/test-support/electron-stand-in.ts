// A stand-in for the `electron` module where no Electron binary exists, for code that reaches it
// through a library's own CommonJS `require('electron')` (electron-updater), which vi.mock does not
// see: installElectronStandIn puts the stand-in in Node's require cache under electron's own path.
// Like the hardening test's stand-in it records what the code did; `net.request` is Node's
// http.request, whose ClientRequest answers to the same events Electron's net does.
import { request } from 'node:http'
import { createRequire } from 'node:module'

type Listener = (...args: unknown[]) => unknown

export interface ElectronStandIn {
  app: {
    isPackaged: boolean
    whenReady(): Promise<void>
    getVersion(): string
    getName(): string
    getAppPath(): string
    getPath(name: string): string
    on(name: string, listener: Listener): void
    once(name: string, listener: Listener): void
    quit(): void
    relaunch(): void
  }
  net: { request: typeof request }
  session: { fromPartition(): object }
  /** What the code did to it. */
  seen: { quits: number; relaunches: number; appListeners: Map<string, Listener[]> }
}

export function createElectronStandIn(options: {
  version: string
  appPath: string
  userData: string
}): ElectronStandIn {
  const seen = { quits: 0, relaunches: 0, appListeners: new Map<string, Listener[]>() }
  const listen = (name: string, listener: Listener) =>
    seen.appListeners.set(name, [...(seen.appListeners.get(name) ?? []), listener])
  return {
    app: {
      isPackaged: false,
      whenReady: () => Promise.resolve(),
      getVersion: () => options.version,
      getName: () => 'CallLens',
      getAppPath: () => options.appPath,
      getPath: () => options.userData,
      on: listen,
      once: listen,
      quit: () => void seen.quits++,
      relaunch: () => void seen.relaunches++,
    },
    net: { request },
    session: { fromPartition: () => ({}) },
    seen,
  }
}

/** Makes every `require('electron')` in this process return the stand-in; returns the undo. */
export function installElectronStandIn(standIn: ElectronStandIn): () => void {
  const require = createRequire(import.meta.url)
  const path = require.resolve('electron')
  const before = require.cache[path]
  require.cache[path] = { id: path, filename: path, loaded: true, exports: standIn } as unknown as NodeJS.Module
  return () => {
    if (before) require.cache[path] = before
    else delete require.cache[path]
  }
}
