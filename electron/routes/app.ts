import type { Routes } from './route-table'

export const appRoutes: Routes<'app'> = {
  'app.info': (_input, { appInfo }) => appInfo,
}
