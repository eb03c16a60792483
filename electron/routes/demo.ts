import { closeWorkspace } from './profiles'
import type { Routes } from './route-table'

export const demoRoutes: Routes<'demo'> = {
  'demo.start': async (_input, services) => {
    await closeWorkspace(services)
    return services.demo.start()
  },
}
