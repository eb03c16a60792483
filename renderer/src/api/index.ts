// Picks the transport once: the preload's bridge in Electron, HTTP in browser mode.
// Domain functions below are the only place channel names appear in the renderer.
import type { Settings, SettingsPatch } from '@shared/contract'
import { createApiClient } from './client'
import { createHttpTransport, takeToken } from './http-transport'
import { createIpcTransport } from './ipc-transport'

const client = createApiClient(window.calllens ? createIpcTransport(window.calllens) : createHttpTransport(takeToken()))

export const appApi = {
  info: () => client.call('app.info'),
}

export const settingsApi = {
  get: () => client.call('settings.get'),
  set: (patch: SettingsPatch) => client.call('settings.set', patch),
  onChanged: (listener: (settings: Settings) => void) => client.on('settings.changed', listener),
}

export { ApiError } from './client'
