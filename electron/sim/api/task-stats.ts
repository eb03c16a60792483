// Task counters and statistics derived from the task's own calls, so list, detail and the
// calls themselves always agree. Cached per task until calls finish.
import type { TaskState } from '../store/types'

export interface NameValue {
  name: string
  value: number
}

export interface TaskCounters {
  totalCount: number
  doneCount: number
  calledCount: number
  rejectedCount: number
  unavailableCount: number
  fromUnavailableCount: number
}

export interface TaskStats {
  /** null for a task that never ran: the platform sends null counters then. */
  counters: TaskCounters | null
  durationStat: NameValue[]
  chatRoundStat: NameValue[]
  extraStat: Record<string, NameValue[]>
}

/**
 * The document's buckets (小于10秒, 10-50秒, 1分钟-1分59秒, 大于等于2分钟) leave 51–59 s out;
 * they are counted with 10-50s so the buckets add up to the answered calls.
 */
const DURATION_BUCKETS: { name: string; max: number }[] = [
  { name: '<10s', max: 9 },
  { name: '10-50s', max: 59 },
  { name: '1-2min', max: 119 },
  { name: '>=2min', max: Infinity },
]
/** The document lists 0-2, 3-4, 5-6, 7-9; longer talks get a fifth bucket rather than vanish. */
const ROUND_BUCKETS: { name: string; max: number }[] = [
  { name: '0-2次', max: 2 },
  { name: '3-4次', max: 4 },
  { name: '5-6次', max: 6 },
  { name: '7-9次', max: 9 },
  { name: '10次及以上', max: Infinity },
]

function bucketCounts(values: number[], buckets: { name: string; max: number }[]): NameValue[] {
  const counts = buckets.map((b) => ({ name: b.name, value: 0 }))
  for (const v of values) {
    const i = buckets.findIndex((b) => v <= b.max)
    const slot = counts[i]
    if (slot) slot.value++
  }
  return counts
}

export function computeTaskStats(state: TaskState): TaskStats {
  const { task, calls, notDialed } = state
  const answered = calls.filter((c) => c.finishStatus === 0)
  const countStatus = (status: number): number => calls.filter((c) => c.finishStatus === status).length
  const neverRan = task.status === 0 && calls.length === 0
  const counters = neverRan
    ? null
    : {
        totalCount: calls.length + notDialed.length,
        doneCount: calls.length,
        calledCount: answered.length,
        rejectedCount: countStatus(1),
        unavailableCount: countStatus(2),
        fromUnavailableCount: countStatus(3),
      }
  // Value order follows resultDefs, then any value the defs do not list, in order of appearance.
  const counts = new Map<string, Map<string, number>>()
  for (const def of task.resultDefs) counts.set(def.name, new Map(def.values.map((v) => [v, 0])))
  for (const call of answered) {
    for (const r of call.results()) {
      const byValue = counts.get(r.resultName) ?? new Map<string, number>()
      counts.set(r.resultName, byValue)
      byValue.set(r.resultValue, (byValue.get(r.resultValue) ?? 0) + 1)
    }
  }
  const extraStat: Record<string, NameValue[]> = {}
  for (const [name, byValue] of counts) {
    const entries = [...byValue].filter(([, n]) => n > 0).map(([value, n]) => ({ name: value, value: n }))
    if (entries.length > 0) extraStat[name] = entries
  }
  return {
    counters,
    durationStat: bucketCounts(
      answered.map((c) => c.duration),
      DURATION_BUCKETS,
    ),
    chatRoundStat: bucketCounts(
      answered.map((c) => c.chatRound),
      ROUND_BUCKETS,
    ),
    extraStat,
  }
}

const cache = new WeakMap<TaskState, { version: number; stats: TaskStats }>()

export function taskStats(state: TaskState, version: number): TaskStats {
  const hit = cache.get(state)
  if (hit && hit.version === version) return hit.stats
  const stats = computeTaskStats(state)
  cache.set(state, { version, stats })
  return stats
}
