// The task detail's bars as links into the calls list: a result bar opens the calls carrying the
// value(s) it counts (its label may be a short form, `较强` for `A级(较强)`), a duration or
// chat-round bar the calls in its range. Each bar has the server's count and the cache's.
import type { CallFacets, CallFilterInput, NameCount, TaskDetail } from '@shared/contract'
import { fullValuesFor } from '@shared/result-values'
import { bucketRanges, type BucketKind } from './stat-buckets'

export interface StatBar {
  /** As the server names it. */
  label: string
  serverCount: number | null
  /** Calls in the cache this bar's link finds; null until counted (or when it has no link). */
  cacheCount: number | null
  /** The calls list filter the bar opens; null when the label cannot be read as one. */
  filter: CallFilterInput | null
}

export interface ResultDistribution {
  name: string
  bars: StatBar[]
}

/** The statistics count answered calls (finishStatus 0): unanswered ones last 0 s and 0 rounds. */
const ANSWERED = [0]

/** Cached calls per result name and value, from `calls.facets` for the task. */
export type CachedValueCounts = Map<string, Map<string, number>>

export function cachedValueCounts(facets: Pick<CallFacets, 'total' | 'results'>): CachedValueCounts {
  return new Map(facets.results.map((r) => [r.name, new Map(r.values.map((v) => [v.value, v.count]))]))
}

/**
 * One distribution per result name (declared in resultDefs or counted in extraStat). Bars follow the
 * declared values' order; a server label stands where its first full value is declared, and a
 * declared value no label covers is a bar of its own with a server count of 0.
 */
export function resultDistributions(
  detail: Pick<TaskDetail, 'taskId' | 'resultDefs' | 'extraStat'>,
  cached: CachedValueCounts | null,
): ResultDistribution[] {
  const names = new Set([...detail.resultDefs.map((def) => def.name), ...Object.keys(detail.extraStat)])
  return [...names].map((name) => {
    const declared = detail.resultDefs.find((def) => def.name === name)?.values ?? []
    const cachedHere = cached?.get(name)
    const known = [...new Set([...declared, ...(cachedHere?.keys() ?? [])])]
    const placed: { position: number; bar: StatBar }[] = []
    const covered = new Set<string>()
    for (const row of detail.extraStat[name] ?? []) {
      const full = fullValuesFor(row.name, known)
      for (const value of full) covered.add(value)
      const positions = full.map((value) => declared.indexOf(value)).filter((i) => i >= 0)
      placed.push({
        position: positions.length ? Math.min(...positions) : Infinity,
        bar: resultBar(detail.taskId, name, row.name, row.value, full.length ? full : [row.name], cachedHere, cached),
      })
    }
    declared.forEach((value, position) => {
      if (!covered.has(value))
        placed.push({ position, bar: resultBar(detail.taskId, name, value, 0, [value], cachedHere, cached) })
    })
    // Array.prototype.sort is stable: labels of one position keep the server's order.
    return { name, bars: placed.sort((a, b) => a.position - b.position).map((p) => p.bar) }
  })
}

function resultBar(
  taskId: number,
  name: string,
  label: string,
  serverCount: number | null,
  values: string[],
  cachedHere: Map<string, number> | undefined,
  cached: CachedValueCounts | null,
): StatBar {
  return {
    label,
    serverCount,
    // A call carries one value per result name in practice; a multi-valued one would count twice.
    cacheCount: cached === null ? null : values.reduce((sum, value) => sum + (cachedHere?.get(value) ?? 0), 0),
    filter: { taskId, tags: [{ name, values }] },
  }
}

/** Duration or chat-round bars; `cacheCounts` holds the cache's count per label once known. */
export function bucketBars(
  taskId: number,
  stat: readonly NameCount[],
  kind: BucketKind,
  cacheCounts: ReadonlyMap<string, number> | null = null,
): StatBar[] {
  const ranges = bucketRanges(
    stat.map((row) => row.name),
    kind,
  )
  return stat.map((row, i) => {
    const range = ranges[i]
    let filter: CallFilterInput | null = null
    if (range) {
      filter = { taskId, finishStatus: ANSWERED }
      const [min, max] =
        kind === 'duration' ? (['durationMin', 'durationMax'] as const) : (['chatRoundMin', 'chatRoundMax'] as const)
      if (range.min !== undefined) filter[min] = range.min
      if (range.max !== undefined) filter[max] = range.max
    }
    return {
      label: row.name,
      serverCount: row.value,
      cacheCount: filter ? (cacheCounts?.get(row.name) ?? null) : null,
      filter,
    }
  })
}

/** Whether to show the cache's count beside the server's. */
export function countsDiffer(bar: StatBar): boolean {
  return bar.cacheCount !== null && bar.cacheCount !== (bar.serverCount ?? 0)
}
