// Which transcript lines each comment covers: a range covers every line it overlaps; a moment,
// the line it was made on (or the line under it). The transcript marks them beside their lines.
import type { TranscriptLine } from '@shared/contract'
import type { PlayerMarker } from './types'

export interface LineComments {
  /** Lines inside some comment's range or moment. */
  covered: Set<number>
  /** Per line, the comments that start there (their label is shown beside it). */
  startingAt: Map<number, PlayerMarker[]>
}

function coveredLines(lines: readonly TranscriptLine[], marker: PlayerMarker): number[] {
  if (marker.endMs === null) {
    if (marker.lineIndex != null && lines[marker.lineIndex]) return [marker.lineIndex]
    const under = lines.findIndex(
      (line) => line.startMs <= marker.atMs && marker.atMs < Math.max(line.endMs, line.startMs + 1),
    )
    return under >= 0 ? [under] : []
  }
  const end = marker.endMs
  return lines.flatMap((line, i) =>
    line.startMs < end && Math.max(line.endMs, line.startMs + 1) > marker.atMs ? [i] : [],
  )
}

export function commentsOnLines(lines: readonly TranscriptLine[], markers: readonly PlayerMarker[]): LineComments {
  const covered = new Set<number>()
  const startingAt = new Map<number, PlayerMarker[]>()
  for (const marker of markers) {
    const indexes = coveredLines(lines, marker)
    indexes.forEach((i) => covered.add(i))
    const first = indexes[0]
    if (first === undefined) continue
    startingAt.set(first, [...(startingAt.get(first) ?? []), marker])
  }
  return { covered, startingAt }
}
