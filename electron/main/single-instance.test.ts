// The shell's single-instance rule, on the real electron/main/index.ts with a stand-in `electron`:
// a launch that does not get the lock (CallLens already runs) quits at once, before opening a
// window, binding IPC or claiming the calllens:// scheme; the running instance gets its link
// through 'second-instance' (hardening.test.ts drives that side).
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, it, vi } from 'vitest'

const seen = vi.hoisted(() => ({
  quits: 0,
  locks: 0,
  windows: 0,
  ready: 0,
  protocolClients: 0,
  ipcHandlers: 0,
  appListeners: [] as string[],
}))

vi.mock('electron', () => ({
  app: {
    isPackaged: false,
    getPath: () => mkdtempSync(join(tmpdir(), 'calllens-second-')),
    setPath: () => {},
    getVersion: () => '0.0.0-test',
    getAppPath: () => join(import.meta.dirname, '../..'),
    requestSingleInstanceLock: () => (seen.locks++, false),
    setAsDefaultProtocolClient: () => (seen.protocolClients++, true),
    quit: () => void seen.quits++,
    on: (name: string) => void seen.appListeners.push(name),
    whenReady: () => (seen.ready++, Promise.resolve()),
  },
  BrowserWindow: class {
    constructor() {
      seen.windows++
    }
    static getAllWindows = () => []
  },
  dialog: {},
  ipcMain: { handle: () => void seen.ipcHandlers++ },
  protocol: { registerSchemesAsPrivileged: () => {}, handle: () => {} },
  safeStorage: {},
  session: {},
}))

vi.mock('electron-store', () => ({ default: class {} }))

beforeAll(async () => {
  delete process.env.CALLLENS_ALLOW_SECOND_INSTANCE
  const argv = process.argv
  process.argv = [...argv, 'calllens://call/42?t=3']
  await import('./index').finally(() => (process.argv = argv))
})

describe('a second launch of CallLens', () => {
  it('asks for the single-instance lock once and, refused it, quits', () => {
    expect(seen.locks).toBe(1)
    expect(seen.quits).toBe(1)
  })

  it('opens no window, binds no IPC, waits for nothing and leaves the scheme and its link to the running instance', () => {
    expect(seen).toMatchObject({ windows: 0, ready: 0, protocolClients: 0, ipcHandlers: 0 })
    expect(seen.appListeners).toEqual([])
  })
})
