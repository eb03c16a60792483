import type { Routes } from './route-table'

export const demoRoutes: Routes<'demo'> = {
  'demo.start': async (_input, { demo, workspace }) => {
    workspace.close()
    return demo.start()
  },
}
