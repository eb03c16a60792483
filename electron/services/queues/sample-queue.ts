// The review queue's sampling, as a pure function: strata from the dimensions the reviewer chose,
// a size per stratum (the same for each, or proportional with a minimum), and a seeded draw inside
// each stratum, so the same seed over the same calls gives the same queue.
import { DURATION_BUCKETS, type QueueDimension, type QueuePlan, type QueueStratum } from '../../shared/contract/queues'

/** What the sampling needs of one call. */
export interface QueueCandidate {
  callInstanceId: number
  durationSec: number | null
  finishStatus: number | null
  /** The API's `hangUp`: 0 the AI hung up, 1 the customer. */
  hangUp: number | null
  /** Result name → value (the first value when a name repeats). */
  results: Readonly<Record<string, string>>
  reviewed: boolean
}

export interface SampledQueue {
  /** Every stratum with unreviewed calls, in the order of their values. */
  strata: QueueStratum[]
  /** The calls drawn, strata taking turns, so a half-done queue has covered every stratum. */
  calls: { callInstanceId: number; stratum: number }[]
  available: number
}

export function durationBucket(durationSec: number | null): string | null {
  if (durationSec === null) return null
  return DURATION_BUCKETS.findLast((bucket) => durationSec >= bucket.min)?.id ?? null
}

export function hungUpBy(hangUp: number | null): 'ai' | 'customer' | null {
  return hangUp === 0 ? 'ai' : hangUp === 1 ? 'customer' : null
}

function dimensionValue(call: QueueCandidate, dimension: QueueDimension): string | null {
  switch (dimension.kind) {
    case 'result':
      return call.results[dimension.name] ?? null
    case 'duration':
      return durationBucket(call.durationSec)
    case 'finishStatus':
      return call.finishStatus === null ? null : String(call.finishStatus)
    case 'hungUpBy':
      return hungUpBy(call.hangUp)
  }
}

/** Nulls last, then by text (numbers as numbers: finish status 10 after 9). */
function compareValues(a: readonly (string | null)[], b: readonly (string | null)[]): number {
  for (let i = 0; i < a.length; i++) {
    const x = a[i] ?? null
    const y = b[i] ?? null
    if (x === y) continue
    if (x === null) return 1
    if (y === null) return -1
    const byText = x.localeCompare(y, 'en', { numeric: true })
    if (byText !== 0) return byText
    return x < y ? -1 : 1
  }
  return 0
}

/** FNV-1a over the text: each stratum's draw gets its own stream from the seed and its values. */
function hash(text: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i)
    h = Math.imul(h, 0x01000193) >>> 0
  }
  return h
}

/** mulberry32: small, fast and well spread; enough for choosing calls. */
function random(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** The first `count` of a seeded shuffle of `ids` (sorted first, so the input order does not matter). */
function draw(ids: number[], count: number, seed: number): number[] {
  const pool = [...ids].sort((a, b) => a - b)
  const next = random(seed)
  for (let i = 0; i < count; i++) {
    const j = i + Math.floor(next() * (pool.length - i))
    ;[pool[i], pool[j]] = [pool[j]!, pool[i]!]
  }
  return pool.slice(0, count)
}

/**
 * Proportional sizes with a floor: stratum s gets max(min(floor, a_s), λ·a_s) with λ chosen so the
 * sizes add up to min(total, Σa) — unless the floors alone add up to more, then the floors. Rounded
 * by largest remainder (ties to the earlier stratum), so the total is exact.
 */
export function proportionalSizes(available: readonly number[], total: number, floor: number): number[] {
  const lows = available.map((a) => Math.min(floor, a))
  const sumLows = lows.reduce((sum, n) => sum + n, 0)
  const all = available.reduce((sum, n) => sum + n, 0)
  const target = Math.min(total, all)
  if (sumLows >= target) return lows
  const sizesAt = (lambda: number) => available.map((a, i) => Math.max(lows[i]!, lambda * a))
  const sumAt = (lambda: number) => sizesAt(lambda).reduce((sum, n) => sum + n, 0)
  let lo = 0
  let hi = 1
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2
    if (sumAt(mid) < target) lo = mid
    else hi = mid
  }
  const exact = sizesAt(hi)
  const sizes = exact.map((x, i) => Math.min(available[i]!, Math.floor(x + 1e-9)))
  let missing = target - sizes.reduce((sum, n) => sum + n, 0)
  const byRemainder = exact
    .map((x, i) => ({ i, remainder: x - sizes[i]! }))
    .sort((a, b) => b.remainder - a.remainder || a.i - b.i)
  for (const { i } of byRemainder) {
    if (missing <= 0) break
    if (sizes[i]! < available[i]!) {
      sizes[i]! += 1
      missing -= 1
    }
  }
  return sizes
}

export function sampleQueue(
  candidates: readonly QueueCandidate[],
  plan: Pick<QueuePlan, 'dimensions' | 'sizing' | 'seed'>,
): SampledQueue {
  const groups = new Map<string, { values: (string | null)[]; ids: number[] }>()
  let available = 0
  for (const call of candidates) {
    if (call.reviewed) continue
    available += 1
    const values = plan.dimensions.map((dimension) => dimensionValue(call, dimension))
    const key = JSON.stringify(values)
    const group = groups.get(key) ?? { values, ids: [] }
    group.ids.push(call.callInstanceId)
    groups.set(key, group)
  }
  const ordered = [...groups.values()].sort((a, b) => compareValues(a.values, b.values))
  const counts = ordered.map((group) => group.ids.length)
  const { sizing } = plan
  const sizes =
    sizing.kind === 'perStratum'
      ? counts.map((n) => Math.min(n, sizing.size))
      : proportionalSizes(counts, sizing.total, sizing.min)
  const drawn = ordered.map((group, i) =>
    draw(group.ids, sizes[i]!, hash(`${plan.seed}:${JSON.stringify(group.values)}`)),
  )
  const calls: SampledQueue['calls'] = []
  const longest = Math.max(0, ...sizes)
  for (let turn = 0; turn < longest; turn++) {
    drawn.forEach((ids, stratum) => {
      if (turn < ids.length) calls.push({ callInstanceId: ids[turn]!, stratum })
    })
  }
  return {
    strata: ordered.map((group, i) => ({ values: group.values, available: counts[i]!, size: sizes[i]! })),
    calls,
    available,
  }
}
