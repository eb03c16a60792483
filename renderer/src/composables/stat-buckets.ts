// Duration and chat-round statistics buckets (`<10s`, `10-50s`, `1分钟-1分59秒`, `>=2min`,
// `0-2次`, `10次及以上` …) read as inclusive whole-number ranges, so a bar can open the calls it counts.

export type BucketKind = 'duration' | 'chatRound'

/** Inclusive bounds in seconds (duration) or rounds; a missing bound is open. */
export interface BucketRange {
  min?: number
  max?: number
}

const UNIT_FACTORS: { pattern: RegExp; factor: number; kind: BucketKind }[] = [
  { pattern: /^(小时|时|h|hr|hours?)/i, factor: 3600, kind: 'duration' },
  { pattern: /^(分钟|分|min(ute)?s?|m)/i, factor: 60, kind: 'duration' },
  { pattern: /^(秒钟|秒|s(ec(ond)?s?)?)/i, factor: 1, kind: 'duration' },
  { pattern: /^(次|轮次|轮|rounds?|times?)/i, factor: 1, kind: 'chatRound' },
]

/** `1分59秒` → 119, `2min` → 120, `10` → { value: 10, bare } (its unit comes from the other side). */
function quantity(text: string, kind: BucketKind): { value: number; bare: boolean } | null {
  let rest = text.trim()
  if (!/^\d/.test(rest)) return null
  let total = 0
  let bare = true
  while (rest !== '') {
    const number = /^(\d+(?:\.\d+)?)\s*/.exec(rest)
    if (!number) return null
    rest = rest.slice(number[0].length)
    const unit = UNIT_FACTORS.find((u) => u.pattern.test(rest))
    if (!unit) {
      // Only the last number may go without a unit.
      if (rest !== '') return null
      total += Number(number[1])
      break
    }
    if (unit.kind !== kind) return null
    total += Number(number[1]) * unit.factor
    bare = false
    rest = rest.replace(unit.pattern, '').trim()
  }
  return { value: total, bare }
}

const PREFIXES: { pattern: RegExp; bound: 'lt' | 'le' | 'gt' | 'ge' }[] = [
  { pattern: /^(>=|≥|＞=|大于等于|大于或等于|不少于|不低于|不小于|至少)/, bound: 'ge' },
  { pattern: /^(<=|≤|＜=|小于等于|小于或等于|不超过|不大于|至多)/, bound: 'le' },
  { pattern: /^(>|＞|大于|超过|多于|高于)/, bound: 'gt' },
  { pattern: /^(<|＜|小于|少于|低于|不足|不到)/, bound: 'lt' },
]
const SUFFIXES: { pattern: RegExp; bound: 'ge' | 'le' }[] = [
  { pattern: /(及以上|或以上|以上|\+)$/, bound: 'ge' },
  { pattern: /(及以下|或以下|以下|以内)$/, bound: 'le' },
]

function bounded(bound: 'lt' | 'le' | 'gt' | 'ge', value: number): BucketRange {
  switch (bound) {
    case 'lt':
      return { max: Math.ceil(value) - 1 }
    case 'le':
      return { max: Math.floor(value) }
    case 'gt':
      return { min: Math.floor(value) + 1 }
    case 'ge':
      return { min: Math.ceil(value) }
  }
}

/** One bucket's own range, before its neighbours are looked at; null when it cannot be read. */
export function parseBucket(label: string, kind: BucketKind): BucketRange | null {
  const text = label.trim().replace(/\s+/g, '')
  for (const { pattern, bound } of PREFIXES) {
    if (!pattern.test(text)) continue
    const q = quantity(text.replace(pattern, ''), kind)
    return q ? bounded(bound, q.value) : null
  }
  for (const { pattern, bound } of SUFFIXES) {
    if (!pattern.test(text)) continue
    const q = quantity(text.replace(pattern, ''), kind)
    return q ? bounded(bound, q.value) : null
  }
  const range = /^(.+?)(?:-|~|～|—|–|至|到)(.+)$/.exec(text)
  if (range) {
    const low = quantity(range[1]!, kind)
    const high = quantity(range[2]!, kind)
    if (!low || !high) return null
    // `10-50s`: a bare number takes the other side's unit (`1-2min` → 60…120).
    const factor = low.bare && !high.bare ? unitFactor(range[2]!, kind) : 1
    const min = Math.ceil(low.value * factor)
    const max = Math.floor(high.value)
    return min <= max ? { min, max } : null
  }
  const exact = quantity(text, kind)
  return exact ? { min: Math.ceil(exact.value), max: Math.floor(exact.value) } : null
}

/** The factor of the last unit in a quantity (`2min` → 60), for a bare number before it. */
function unitFactor(text: string, kind: BucketKind): number {
  const units = text.replace(/^[\d.\s]+/, '')
  const unit = UNIT_FACTORS.find((u) => u.kind === kind && u.pattern.test(units))
  return unit?.factor ?? 1
}

/**
 * Every bucket's range, with the edges between neighbours settled: buckets listed in ascending
 * order cover whole numbers without gaps or overlaps, so `10-50s` followed by `1-2min` reaches 59
 * and `1-2min` followed by `>=2min` stops at 119 — each call lands in exactly one bar, as the
 * server counted it. An unreadable bucket is null (its bar is not a link).
 */
export function bucketRanges(labels: readonly string[], kind: BucketKind): (BucketRange | null)[] {
  const ranges = labels.map((label) => parseBucket(label, kind))
  for (let i = 0; i + 1 < ranges.length; i++) {
    const here = ranges[i]
    const next = ranges[i + 1]
    if (!here || !next || here.max === undefined || next.min === undefined) continue
    const ascending = (here.min ?? -Infinity) < next.min
    if (ascending && next.min - 1 >= (here.min ?? -Infinity)) here.max = next.min - 1
  }
  return ranges
}
