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

export function drawRegions(
  plugin: RegionsPlugin,
  lines: readonly TranscriptLine[],
  markers: readonly PlayerMarker[],
  currentIndex: number,
): DrawnRegions {
  plugin.clearRegions()
  const drawn: DrawnRegions = { lines: new Map(), markers: new Map() }
  lines.forEach((line, i) => {
    const start = line.startMs / 1000
    const end = Math.max(line.endMs, line.startMs + MIN_LINE_REGION_MS) / 1000
    const region = plugin.addRegion({
      id: `line-${i}`,
      start,
      end,
      color: lineRegionColor(line.speaker, i === currentIndex),
      drag: false,
      resize: false,
    })
    passThrough(region)
    drawn.lines.set(i, region)
  })
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
  return drawn
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
