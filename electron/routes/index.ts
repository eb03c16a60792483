// The route table both transports bind: IPC in Electron, HTTP in browser mode.
import { appRoutes } from './app'
import { calibrationRoutes } from './calibration'
import { callsRoutes } from './calls'
import { demoRoutes } from './demo'
import { exportRoutes } from './exports'
import { insightsRoutes } from './insights'
import { mediaRoutes } from './media'
import { profilesRoutes } from './profiles'
import { queuesRoutes } from './queues'
import type { RouteTable } from './route-table'
import { reviewsRoutes } from './reviews'
import { settingsRoutes } from './settings'
import { syncRoutes } from './sync'
import { tasksRoutes } from './tasks'
import { teamRoutes } from './team'
import { teamReportsRoutes } from './team-reports'
import { updatesRoutes } from './updates'

export const routes: RouteTable = {
  ...appRoutes,
  ...settingsRoutes,
  ...profilesRoutes,
  ...demoRoutes,
  ...syncRoutes,
  ...tasksRoutes,
  ...callsRoutes,
  ...mediaRoutes,
  ...reviewsRoutes,
  ...exportRoutes,
  ...queuesRoutes,
  ...insightsRoutes,
  ...teamRoutes,
  ...teamReportsRoutes,
  ...calibrationRoutes,
  ...updatesRoutes,
}

export { dispatch } from './dispatch'
