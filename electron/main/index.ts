// The Electron shell: lifecycle, window, hardening, IPC, media protocol, secrets. The only
// place that imports `electron` (with the preload); everything it serves comes from the
// plain-Node services and routes.
import { app, BrowserWindow, dialog, ipcMain, protocol, safeStorage, session } from 'electron'
import ElectronStore from 'electron-store'
import electronUpdater from 'electron-updater'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { routes } from '../routes'
import { callLinkPath } from '../shared/call-link'
import { createServices, type ServiceBackends } from '../services/create-services'
import { ensureDataDir } from '../services/data-dir'
import { stopServices } from '../services/stop-services'
import type { ChooseExportPath, Services } from '../services/services'
import { noUpdates } from '../services/updates/updates'
import { createAppUrlCheck } from './app-url'
import { registerCallLinks, type CallLinks } from './call-links'
import { hardenContents, hardenSession } from './hardening'
import { bindIpc, forwardEvents } from './ipc'
import { electronMediaUrl, mediaSchemePrivileges, registerMediaProtocol } from './media-protocol'
import { SafeStorageSecretStore } from './safe-storage-secrets'
import { UpdateController } from './updates'
import { guardUnload } from './unload-guard'
import { demoDatasetPath, sqliteBindingPath } from './packaged-paths'
import { createWindowOptions } from './window-options'
import { quitAfterStopping } from './quit-after-stopping'

const { values: args } = parseArgs({
  args: process.argv.slice(1),
  options: { 'data-dir': { type: 'string' } },
  strict: false,
  allowPositionals: true,
})
const dataDir = ensureDataDir(typeof args['data-dir'] === 'string' ? args['data-dir'] : app.getPath('userData'))
app.setPath('userData', dataDir)

// better-sqlite3 built for Electron's ABI lives apart from the Node build (scripts/electron-native.mjs).
const appLocation = {
  isPackaged: app.isPackaged === true,
  appPath: app.getAppPath(),
  resourcesPath: process.resourcesPath,
}
process.env.CALLLENS_SQLITE_BINDING ??= sqliteBindingPath(appLocation)

/** Rendered from resources/icon.svg by `npm run icons`; packed into the app with resources/icons. */
const WINDOW_ICON = 'resources/icons/png/512x512.png'

const rendererIndex = join(import.meta.dirname, '../renderer/index.html')
const devServerUrl = process.env.ELECTRON_RENDERER_URL
const isAppUrl = createAppUrlCheck(rendererIndex, devServerUrl)

// Must happen before `ready`: the scheme streams and supports Range like http.
protocol.registerSchemesAsPrivileged([mediaSchemePrivileges])

/** Drafts main's journal holds for the open profile (none when no profile can be opened). */
function journaledDrafts(services: Services): number {
  try {
    return services.workspace.current().cache.pendingDraftCount()
  } catch {
    return 0
  }
}

function createWindow(services: Services, links: CallLinks): void {
  const window = new BrowserWindow(
    createWindowOptions(join(import.meta.dirname, '../preload/index.cjs'), join(app.getAppPath(), WINDOW_ICON)),
  )
  hardenContents(window.webContents, isAppUrl)
  forwardEvents(services, window.webContents)
  guardUnload(
    window,
    dialog,
    () => services.settings.get().language,
    () => journaledDrafts(services),
  )
  window.once('ready-to-show', () => window.show())
  // Started by a calllens:// link: the page opens at the call (the hash router reads it).
  const link = links.takePending()
  const hash = link ? callLinkPath(link) : undefined
  if (devServerUrl) void window.loadURL(hash ? `${devServerUrl}#${hash}` : devServerUrl)
  else void window.loadFile(rendererIndex, hash ? { hash } : undefined)
}

const EXPORT_FILTERS = {
  csv: { name: 'CSV', extensions: ['csv'] },
  xlsx: { name: 'Excel', extensions: ['xlsx'] },
  json: { name: 'JSON', extensions: ['json'] },
}

/** Exports go where the reviewer says: main asks, then streams the file there itself. */
const chooseExportPath: ChooseExportPath = async ({ fileName, format }) => {
  const options = { defaultPath: join(app.getPath('downloads'), fileName), filters: [EXPORT_FILTERS[format]] }
  const window = BrowserWindow.getFocusedWindow()
  const { canceled, filePath } = window
    ? await dialog.showSaveDialog(window, options)
    : await dialog.showSaveDialog(options)
  return canceled || !filePath ? null : filePath
}

function createElectronServices(): Services {
  const store = (name: string) =>
    new ElectronStore<Record<string, unknown>>({ cwd: dataDir, name, clearInvalidConfig: true })
  return createServices(
    {
      mode: 'electron',
      dataDir,
      version: app.getVersion(),
      versions: { electron: process.versions.electron, chrome: process.versions.chrome },
    },
    {
      settings: store('settings'),
      profiles: store('profiles'),
      secrets: new SafeStorageSecretStore(safeStorage, dataDir),
      mediaUrl: electronMediaUrl,
      demoDataset: demoDatasetPath(appLocation),
      chooseExportPath,
      updates: appUpdates,
    },
  )
}

/** Updates for an installed build, from the feed URL in Settings; a checkout run has none. */
const appUpdates: ServiceBackends['updates'] = ({ settings, events }) => {
  if (!appLocation.isPackaged) return noUpdates
  const controller = new UpdateController(electronUpdater.autoUpdater, {
    feedUrl: () => settings.get().updateFeedUrl,
    installed: true,
    publish: (status) => events.emit('updates.status', status),
  })
  events.subscribe((event) => {
    if (event.name === 'settings.changed') controller.feedChanged()
  })
  // The first look once the app has started; later ones when the feed changes or About asks.
  setTimeout(() => void controller.check(), 30_000).unref()
  return controller
}

if (!app.requestSingleInstanceLock({}) && !process.env.CALLLENS_ALLOW_SECOND_INSTANCE) {
  app.quit()
} else {
  app.on('web-contents-created', (_event, contents) => hardenContents(contents, isAppUrl))
  const links = registerCallLinks(app, {
    window: () => BrowserWindow.getAllWindows()[0] ?? null,
    argv: process.argv,
    defaultApp: process.defaultApp === true,
    register: !process.env.CALLLENS_ALLOW_SECOND_INSTANCE,
  })
  void app.whenReady().then(() => {
    hardenSession(session.defaultSession)
    const services = createElectronServices()
    registerMediaProtocol(protocol, services.workspace)
    bindIpc(ipcMain, routes, services, isAppUrl)
    createWindow(services, links)
    services.scheduler.start()
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) createWindow(services, links)
    })
    quitAfterStopping(app, () => stopServices(services))
  })
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })
}
