// The BrowserWindow's options. Every security-relevant preference is set
// explicitly, even where it is Electron's default, so a test can read them.
import type { BrowserWindowConstructorOptions } from 'electron'

/** `iconPath`: the window's icon where the desktop takes it from the window (Linux; Windows and macOS use the installed app's). */
export function createWindowOptions(preloadPath: string, iconPath?: string): BrowserWindowConstructorOptions {
  return {
    width: 1360,
    height: 860,
    minWidth: 960,
    minHeight: 600,
    show: false,
    title: 'CallLens',
    autoHideMenuBar: true,
    ...(iconPath ? { icon: iconPath } : {}),
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      spellcheck: false,
    },
  }
}
