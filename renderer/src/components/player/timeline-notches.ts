// The time axis under the waveform, only where it is looked at: wavesurfer's timeline plugin makes
// a notch for every second of the call on each draw (3,600 for a 60-minute call, each reading the
// layout), so the player draws the notches of its time window itself. Spacing and labels follow
// the plugin's rules, so the axis reads as it did.
export type NotchKind = 'primary' | 'secondary' | 'tick'

export interface Notch {
  sec: number
  kind: NotchKind
}

/** Seconds between notches at a drawing scale (wavesurfer's defaultTimeInterval). */
export function notchInterval(pxPerSec: number): number {
  if (pxPerSec >= 25) return 1
  if (pxPerSec * 5 >= 25) return 5
  if (pxPerSec * 15 >= 25) return 15
  return Math.ceil(0.5 / pxPerSec) * 60
}

/** Notches between labelled ones, the long label and the short one. */
function labelEvery(pxPerSec: number): { primary: number; secondary: number } {
  if (pxPerSec >= 25) return { primary: 10, secondary: 5 }
  if (pxPerSec * 5 >= 25) return { primary: 6, secondary: 2 }
  return { primary: 4, secondary: 2 }
}

/** The notches from `fromSec` to `toSec` (both clamped to the call) at `pxPerSec`. */
export function timelineNotches(fromSec: number, toSec: number, durationSec: number, pxPerSec: number): Notch[] {
  if (!(durationSec > 0) || !(pxPerSec > 0)) return []
  const interval = notchInterval(pxPerSec)
  const every = labelEvery(pxPerSec)
  const notches: Notch[] = []
  const first = Math.max(0, Math.floor(fromSec / interval))
  for (let n = first; n * interval < Math.min(toSec, durationSec); n++) {
    const kind = n % every.primary === 0 ? 'primary' : n % every.secondary === 0 ? 'secondary' : 'tick'
    notches.push({ sec: n * interval, kind })
  }
  return notches
}
