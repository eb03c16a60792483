// Draws transcript lines and comments as wavesurfer regions: lines tinted per speaker, comments
// as a flag (a moment) or a band with a flag (a range); fixed in place, text set as textContent
// because transcripts and comments are untrusted.
import type RegionsPlugin from 'wavesurfer.js/dist/plugins/regions.esm.js'
import type { Region } from 'wavesurfer.js/dist/plugins/regions.esm.js'
import type { Speaker, TranscriptLine } from '@shared/contract'
import type { PlayerMarker } from './types'

/** Zero-length (inferred) lines would look like comment markers; give them a sliver of width. */
const MIN_LINE_REGION_MS = 120
const MARKER_LABEL_MAX = 24

// Regions live in wavesurfer's shadow root; custom properties inherit into it, so var() works here.
export function lineRegionColor(speaker: Speaker, current: boolean): string {
  return `var(--player-${speaker}-region${current ? '-current' : ''})`
}

function markerContent(label: string): HTMLElement {
  const flag = document.createElement('div')
  flag.textContent = label.length > MARKER_LABEL_MAX ? `${label.slice(0, MARKER_LABEL_MAX - 1)}…` : label
  flag.title = label
  Object.assign(flag.style, {
    // The band lets presses through (passThrough); its flag is what a click on a comment hits.
    pointerEvents: 'auto',
    padding: '1px 6px',
    fontSize: '11px',
    lineHeight: '16px',
    whiteSpace: 'nowrap',
    borderRadius: '0 4px 4px 0',
    color: 'var(--el-color-white)',
    background: 'var(--player-marker)',
    cursor: 'pointer',
  })
  return flag
}

/**
 * Presses go through a region to the waveform, so a drag that starts over a line still marks a
 * range and a click still seeks (a fixed region would otherwise take the press for itself).
 */
function passThrough(region: Region): void {
  if (region.element) region.element.style.pointerEvents = 'none'
}

export interface DrawnRegions {
  lines: Map<number, Region>
  markers: Map<string, Region>
}

export function noRegions(): DrawnRegions {
  return { lines: new Map(), markers: new Map() }
}

/** The stretch of the call whose lines are drawn: what is on screen and a screen either side. */
export interface TimeWindow {
  fromMs: number
  toMs: number
}

function lineEndMs(line: TranscriptLine): number {
  return Math.max(line.endMs, line.startMs + MIN_LINE_REGION_MS)
}

/**
 * The lines' regions inside `window`, and only those: a 60-minute call has ~1,000 lines, and
 * a region costs its elements and listeners whether or not it is on screen. Lines already drawn
 * stay; those that left the window go.
 */
export function drawLines(
  plugin: RegionsPlugin,
  drawn: DrawnRegions,
  lines: readonly TranscriptLine[],
  window: TimeWindow,
  currentIndex: number,
): void {
  const inside = (line: TranscriptLine) => line.startMs < window.toMs && lineEndMs(line) > window.fromMs
  for (const [i, region] of drawn.lines) {
    const line = lines[i]
    if (line && inside(line)) continue
    region.remove()
    drawn.lines.delete(i)
  }
  lines.forEach((line, i) => {
    if (drawn.lines.has(i) || !inside(line)) return
    const region = plugin.addRegion({
      id: `line-${i}`,
      start: line.startMs / 1000,
      end: lineEndMs(line) / 1000,
      color: lineRegionColor(line.speaker, i === currentIndex),
      drag: false,
      resize: false,
    })
    passThrough(region)
    drawn.lines.set(i, region)
  })
}

/** Every line region gone (the lines themselves changed). */
export function clearLines(drawn: DrawnRegions): void {
  for (const region of drawn.lines.values()) region.remove()
  drawn.lines.clear()
}

/** The comments' flags and bands, all of them (a call has a handful), drawn afresh. */
export function drawMarkers(plugin: RegionsPlugin, drawn: DrawnRegions, markers: readonly PlayerMarker[]): void {
  for (const region of drawn.markers.values()) region.remove()
  drawn.markers.clear()
  for (const marker of markers) {
    const at = marker.atMs / 1000
    const region = plugin.addRegion({
      id: `marker-${marker.id}`,
      start: at,
      end: marker.endMs === null ? at : marker.endMs / 1000,
      color: marker.endMs === null ? 'var(--player-marker)' : 'var(--player-marker-range)',
      content: markerContent(marker.label),
      drag: false,
      resize: false,
    })
    passThrough(region)
    drawn.markers.set(marker.id, region)
  }
}

/** Moves the "current" tint from one line region to another without redrawing the rest. */
export function highlightLine(
  drawn: DrawnRegions,
  lines: readonly TranscriptLine[],
  previous: number,
  next: number,
): void {
  const old = lines[previous]
  if (old) drawn.lines.get(previous)?.setOptions({ color: lineRegionColor(old.speaker, false) })
  const now = lines[next]
  if (now) drawn.lines.get(next)?.setOptions({ color: lineRegionColor(now.speaker, true) })
}
