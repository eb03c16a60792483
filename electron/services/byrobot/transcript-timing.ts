// Places transcript lines on the recording's timeline. The API times customer lines
// but often sends AI lines as startTime = endTime = 0; those get a position inferred
// from their timed neighbours so playback can follow the whole conversation.

export interface TimingInput {
  /** Position in the API's list; kept as is so callers can map back. */
  index: number
  content: string
  /** Raw values from the API; null when absent or unreadable. */
  startMs: number | null
  endMs: number | null
}

export type Timed<T extends TimingInput> = Omit<T, 'startMs' | 'endMs'> & {
  startMs: number
  endMs: number
  inferred: boolean
}

export interface TimingOptions {
  /** The call's length, when known: untimed lines after the last timed one may stretch to it. */
  durationMs: number | null
}

/** Chinese telephone speech runs at roughly four characters a second. */
export const MS_PER_CHAR = 250
/** No line is shorter than this when its length has to be estimated. */
export const MIN_LINE_MS = 600
/** A gap leaving less than this per line is not where those lines were spoken. */
const MIN_SHARE_MS = 100

function estimateMs(content: string): number {
  return Math.max(MIN_LINE_MS, [...content].length * MS_PER_CHAR)
}

type Slot = { startMs: number; endMs: number; inferred: boolean } | null

/** Timed as given, anchored (a start but no usable end), or untimed (0/0, missing, nonsense). */
function ownTiming(line: TimingInput): Slot {
  const { startMs: s, endMs: e } = line
  if (s === null || !Number.isFinite(s) || s < 0) return null
  if (e !== null && Number.isFinite(e) && e > s) return { startMs: s, endMs: e, inferred: false }
  // 0/0 is the API's "no timing"; a real start with a missing end keeps its start.
  if (s === 0) return null
  return { startMs: s, endMs: s + estimateMs(line.content), inferred: true }
}

/**
 * Returns every line with startMs < endMs, sorted by startMs (ties keep the API's
 * order), untimed lines marked inferred: true. Pure: same input, same output.
 */
export function inferTranscriptTiming<T extends TimingInput>(lines: readonly T[], options: TimingOptions): Timed<T>[] {
  const slots: Slot[] = lines.map(ownTiming)
  let i = 0
  while (i < lines.length) {
    if (slots[i]) {
      i++
      continue
    }
    // A run of consecutive untimed lines [i, j).
    let j = i
    while (j < lines.length && !slots[j]) j++
    const run = lines.slice(i, j)
    const before = i > 0 ? slots[i - 1] : null
    const after = j < lines.length ? slots[j] : null
    const from = before ? before.endMs : 0
    const to = after ? after.startMs : tailEnd(from, run, options.durationMs)
    const placed = to === null ? layOut(run, from) : placeRun(run, from, to)
    placed.forEach((slot, k) => (slots[i + k] = slot))
    i = j
  }
  return lines
    .map((line, k) => {
      const slot = slots[k] as NonNullable<Slot>
      return { ...line, startMs: slot.startMs, endMs: slot.endMs, inferred: slot.inferred, order: k }
    })
    .sort((a, b) => a.startMs - b.startMs || a.order - b.order)
    .map(({ order: _order, ...line }) => line as unknown as Timed<T>)
}

/** After the last timed line: up to the end of the call if that leaves room, else null (estimate). */
function tailEnd(from: number, run: readonly TimingInput[], durationMs: number | null): number | null {
  if (durationMs !== null && Number.isFinite(durationMs) && durationMs - from >= run.length * MIN_SHARE_MS) {
    return durationMs
  }
  return null
}

/** Splits [from, to] among the run in proportion to text length, each line getting a floor share. */
function placeRun(run: readonly TimingInput[], from: number, to: number): NonNullable<Slot>[] {
  const span = to - from
  if (span < run.length * MIN_SHARE_MS) {
    // The neighbours leave no room (touching or overlapping timed lines): lay the
    // lines out by estimate from where the gap starts, overlapping what follows.
    return layOut(run, Math.min(from, to))
  }
  const weights = run.map((line) => Math.max(1, [...line.content].length))
  const total = weights.reduce((a, b) => a + b, 0)
  const spare = span - run.length * MIN_SHARE_MS
  const out: NonNullable<Slot>[] = []
  let cumulative = 0
  let cursor = from
  run.forEach((_line, k) => {
    cumulative += MIN_SHARE_MS + (spare * (weights[k] as number)) / total
    // Rounding the cumulative (not each share) keeps the last end exactly at `to`.
    const end = k === run.length - 1 ? to : Math.round(from + cumulative)
    out.push({ startMs: cursor, endMs: end, inferred: true })
    cursor = end
  })
  return out
}

/** Back to back from `start`, each line as long as its text would take to say. */
function layOut(run: readonly TimingInput[], start: number): NonNullable<Slot>[] {
  let cursor = start
  return run.map((line) => {
    const slot = { startMs: cursor, endMs: cursor + estimateMs(line.content), inferred: true }
    cursor = slot.endMs
    return slot
  })
}
