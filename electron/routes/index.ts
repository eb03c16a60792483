// The route table both transports bind: IPC in Electron, HTTP in browser mode.
import { appRoutes } from './app'
import type { RouteTable } from './route-table'
import { settingsRoutes } from './settings'

export const routes: RouteTable = {
  ...appRoutes,
  ...settingsRoutes,
}

export { dispatch } from './dispatch'
