import { buildInsightOverview } from '../services/insight/insight-overview'
import type { Routes } from './route-table'

export const insightsRoutes: Routes<'insights'> = {
  'insights.report': ({ taskId }, { workspace }) => buildInsightOverview(workspace.current().cache, taskId),
}
