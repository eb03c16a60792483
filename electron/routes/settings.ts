import type { Routes } from './route-table'

export const settingsRoutes: Routes<'settings'> = {
  'settings.get': (_input, { settings }) => settings.get(),
  'settings.set': (patch, { settings }) => settings.set(patch),
}
