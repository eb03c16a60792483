// Picks the transport once: the preload's bridge in Electron, HTTP in browser mode.
// Domain functions below are the only place channel names appear in the renderer.
import type { ConnectionTestInput, ProfileInput, Settings, SettingsPatch, SyncProgress } from '@shared/contract'
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

export const profilesApi = {
  list: () => client.call('profiles.list'),
  save: (input: ProfileInput) => client.call('profiles.save', input),
  test: (input: ConnectionTestInput) => client.call('profiles.test', input),
  activate: (id: string) => client.call('profiles.activate', { id }),
  remove: (id: string) => client.call('profiles.remove', { id }),
}

export const demoApi = {
  start: () => client.call('demo.start'),
}

export const syncApi = {
  start: (taskId?: number) => client.call('sync.start', taskId === undefined ? {} : { taskId }),
  cancel: () => client.call('sync.cancel'),
  status: () => client.call('sync.status'),
  onProgress: (listener: (progress: SyncProgress) => void) => client.on('sync.progress', listener),
}
