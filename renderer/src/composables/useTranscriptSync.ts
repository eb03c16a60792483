// Which transcript line is "current" at a playback time, found in O(log n) because
// `time` fires every animation frame; pure functions for the logic, a Vue wrapper on top.
import { computed, toValue, type ComputedRef, type MaybeRefOrGetter } from 'vue'
import type { TranscriptLine } from '@shared/contract'

/** The fields the position logic reads; lines must be sorted by startMs. */
export type TimedLine = Pick<TranscriptLine, 'startMs' | 'endMs'>

/**
 * A seek lands a hair before the time asked for (seconds are floats in the media
 * element), so J/K treat "within this of a line's start" as being at it.
 */
export const NAV_TOLERANCE_MS = 30

interface LineIndex {
  starts: Float64Array
  /** Max-segment-tree over endMs (leaves at size..2*size-1), for "latest line before i still sounding at t". */
  maxEnd: Float64Array
  size: number
}

// Keyed by array identity: transcripts arrive as new arrays and are never mutated in place.
const indexCache = new WeakMap<readonly TimedLine[], LineIndex>()

function buildIndex(lines: readonly TimedLine[]): LineIndex {
  const n = lines.length
  let size = 1
  while (size < n) size *= 2
  const starts = new Float64Array(n)
  const maxEnd = new Float64Array(2 * size).fill(-Infinity)
  lines.forEach((line, i) => {
    starts[i] = line.startMs
    maxEnd[size + i] = line.endMs
  })
  for (let i = size - 1; i >= 1; i--) maxEnd[i] = Math.max(maxEnd[2 * i]!, maxEnd[2 * i + 1]!)
  return { starts, maxEnd, size }
}

function indexFor(lines: readonly TimedLine[]): LineIndex {
  let index = indexCache.get(lines)
  if (!index) {
    index = buildIndex(lines)
    indexCache.set(lines, index)
  }
  return index
}

/** Number of lines whose startMs ≤ t (binary search). */
function countStartedBy(starts: Float64Array, t: number): number {
  let lo = 0
  let hi = starts.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (starts[mid]! <= t) lo = mid + 1
    else hi = mid
  }
  return lo
}

/** The rightmost j ≤ last with endMs > t, or -1; walks the segment tree, O(log n). */
function lastSoundingAtOrBefore(index: LineIndex, last: number, t: number): number {
  const { maxEnd, size } = index
  const descend = (node: number): number => {
    while (node < size) node = maxEnd[2 * node + 1]! > t ? 2 * node + 1 : 2 * node
    return node - size
  }
  let node = size + last
  if (maxEnd[node]! > t) return last
  // Climb; whenever we come up from a right child, the left sibling holds earlier lines.
  while (node > 1) {
    if (node % 2 === 1 && maxEnd[node - 1]! > t) return descend(node - 1)
    node = node >>> 1
  }
  return -1
}

/**
 * The line to highlight at time t: among lines already started (startMs ≤ t), the
 * latest-starting one that still sounds (t < endMs), so an AI line talked over by
 * a short customer barge-in becomes current again once the barge-in ends; if none
 * sounds (a gap), the last one started stays current; before the first line, -1.
 */
export function currentLineIndex(lines: readonly TimedLine[], t: number): number {
  if (lines.length === 0 || Number.isNaN(t)) return -1
  const index = indexFor(lines)
  const started = countStartedBy(index.starts, t)
  if (started === 0) return -1
  const sounding = lastSoundingAtOrBefore(index, started - 1, t)
  return sounding === -1 ? started - 1 : sounding
}

/** The first line starting after t (J), or -1 at the end. */
export function nextLineIndex(lines: readonly TimedLine[], t: number, toleranceMs = NAV_TOLERANCE_MS): number {
  if (lines.length === 0) return -1
  const next = countStartedBy(indexFor(lines).starts, t + toleranceMs)
  return next < lines.length ? next : -1
}

/** The line before the current one (K), or -1 when the current line is the first or there is none. */
export function previousLineIndex(lines: readonly TimedLine[], t: number, toleranceMs = NAV_TOLERANCE_MS): number {
  const current = currentLineIndex(lines, t + toleranceMs)
  return current > 0 ? current - 1 : -1
}

export interface TranscriptSync {
  currentIndex: ComputedRef<number>
  currentLine: ComputedRef<TranscriptLine | null>
}

/** The current line, following a time ref (e.g. the player's `time` event). */
export function useTranscriptSync(
  lines: MaybeRefOrGetter<readonly TranscriptLine[]>,
  timeMs: MaybeRefOrGetter<number>,
): TranscriptSync {
  // A computed only notifies when its value changes, so dependants re-render per line, not per frame.
  const currentIndex = computed(() => currentLineIndex(toValue(lines), toValue(timeMs)))
  const currentLine = computed(() => toValue(lines)[currentIndex.value] ?? null)
  return { currentIndex, currentLine }
}
