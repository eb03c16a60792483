// QA insight as pure functions over cached data, shared by main (the CLI's `stats`, the report
// behind the insights page) and the renderer (the conversation lane, filters), so numbers agree.
import type { CallInsight } from './call-insight'
import type { TaskInsight } from './task-insight'

export * from './call-insight'
export * from './conversation'
export * from './percentile'
export * from './tag-accuracy'
export * from './task-insight'
export * from './wilson'

/** The CLI's `stats` JSON: a row per call, a row per task. */
export interface InsightReport {
  calls: CallInsight[]
  tasks: TaskInsight[]
}
