// What every benchmark hands back: named figures with p50 / p95, the baseline measured in
// the same run beside them, the ratio and the target. Benchmarks print numbers; nothing
// here asserts a time.

export type Unit = 'ms' | 's' | 'MB' | 'KB' | 'calls/s' | 'MB/s' | 'ops/s' | 'req/s'

export interface Stat {
  p50: number
  p95: number
  samples: number
}

export interface Baseline extends Stat {
  /** What the baseline is, in a few words ("sequential, concurrency 1"). */
  name: string
}

export interface Target {
  /** As printed: "≤ 50 ms", "ratio ≤ 1.5". */
  text: string
  met: boolean
}

export interface Figure extends Stat {
  bench: string
  name: string
  unit: Unit
  baseline: Baseline | null
  /** figure p50 ÷ baseline p50; for times, below 1 means faster than the baseline. */
  ratio: number | null
  target: Target | null
  note?: string
  /** Why the figure could not be measured on this server ("n/a (server functions not present)"). */
  unavailable?: string
}

/** Nearest-rank percentile: with few samples p95 is the slowest, which is the honest reading. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN
  const sorted = [...values].sort((a, b) => a - b)
  const rank = Math.ceil((p / 100) * sorted.length)
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!
}

export function stat(values: readonly number[]): Stat {
  return { p50: percentile(values, 50), p95: percentile(values, 95), samples: values.length }
}

/** One value measured once (a sync, a file size): p50 = p95. */
export function single(value: number): Stat {
  return { p50: value, p95: value, samples: 1 }
}

export interface FigureInput {
  bench: string
  name: string
  unit: Unit
  value: Stat
  baseline?: Baseline | null
  /** Ratio to check against instead of the figure itself (e.g. "within 1.5× of the ideal"). */
  target?: { text: string; check: (figure: Stat, ratio: number | null) => boolean } | null
  note?: string
  unavailable?: string
}

export function figure(input: FigureInput): Figure {
  const baseline = input.baseline ?? null
  const ratio = baseline && baseline.p50 > 0 ? input.value.p50 / baseline.p50 : null
  return {
    bench: input.bench,
    name: input.name,
    unit: input.unit,
    ...input.value,
    baseline,
    ratio,
    target: input.target ? { text: input.target.text, met: input.target.check(input.value, ratio) } : null,
    ...(input.note ? { note: input.note } : {}),
    ...(input.unavailable ? { unavailable: input.unavailable } : {}),
  }
}

/** Times fn `runs` times after `warmup` untimed runs; ms per run. */
export async function timeRuns(runs: number, fn: () => unknown, warmup = 1): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn()
  const times: number[] = []
  for (let i = 0; i < runs; i++) {
    const started = performance.now()
    await fn()
    times.push(performance.now() - started)
  }
  return times
}

/** p95 ≤ limit, the usual latency target. */
export function p95AtMost(limit: number, unit: Unit): NonNullable<FigureInput['target']> {
  return { text: `p95 ≤ ${limit} ${unit}`, check: (value) => value.p95 <= limit }
}
