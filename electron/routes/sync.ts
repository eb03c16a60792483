import { startActiveProfileSync } from '../services/sync/start-profile-sync'
import type { Routes } from './route-table'

export const syncRoutes: Routes<'sync'> = {
  'sync.start': (input, services) => startActiveProfileSync(services, { taskId: input.taskId }),
  'sync.call': (input, services) => startActiveProfileSync(services, { callInstanceId: input.callInstanceId }),
  'sync.cancel': (_input, { sync }) => ({ cancelled: sync.cancel() }),
  'sync.status': (_input, { sync }) => sync.status(),
}
