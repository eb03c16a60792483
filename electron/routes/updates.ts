import type { Routes } from './route-table'

export const updatesRoutes: Routes<'updates'> = {
  'updates.status': (_input, { updates }) => updates.status(),
  'updates.check': (_input, { updates }) => updates.check(),
}
