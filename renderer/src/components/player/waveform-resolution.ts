// How finely the waveform needs a recording's peaks: one value for each bar it draws. wavesurfer
// draws a bar every BAR_PX CSS pixels whatever the screen's pixel ratio, so a call drawn at `zoom`
// pixels a second needs zoom / BAR_PX values a second — and, when the whole call fits in the
// waveform's width, enough to fill that width. Finer peaks draw the same bars; coarser would leave gaps.
import type { PeakResolution } from '@shared/contract'
import { PEAKS_STORED_PER_SECOND } from '@shared/contract/constants'

export const BAR_WIDTH_PX = 2
export const BAR_GAP_PX = 1
const BAR_PX = BAR_WIDTH_PX + BAR_GAP_PX

export function peakResolution(zoomPxPerSec: number, widthPx: number): PeakResolution {
  return {
    perSecond: Math.min(PEAKS_STORED_PER_SECOND, Math.max(zoomPxPerSec, 1) / BAR_PX),
    atLeast: Math.max(1, Math.ceil(widthPx / BAR_PX)),
  }
}

/** Whether peaks at `perSecond`, `count` of them, draw a waveform asking for `needed` without gaps. */
export function peaksSuffice(perSecond: number, count: number, needed: PeakResolution): boolean {
  return (perSecond >= needed.perSecond && count >= needed.atLeast) || perSecond >= PEAKS_STORED_PER_SECOND
}
