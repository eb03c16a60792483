// Clock labels for the player and transcript: mm:ss and mm:ss.d, minutes unbounded
// (a 75-minute call reads 75:00, which sorts and scans better than 1:15:00 in a column).

function parts(ms: number): { minutes: number; seconds: number; tenths: number } {
  // Floor, not round: the label must never run ahead of the audio (00:59.96 is not 01:00.0).
  const tenthsTotal = Math.floor(Math.max(0, Number.isFinite(ms) ? ms : 0) / 100)
  const secondsTotal = Math.floor(tenthsTotal / 10)
  return { minutes: Math.floor(secondsTotal / 60), seconds: secondsTotal % 60, tenths: tenthsTotal % 10 }
}

const pad = (n: number): string => String(n).padStart(2, '0')

/** `mm:ss` */
export function formatClock(ms: number): string {
  const { minutes, seconds } = parts(ms)
  return `${pad(minutes)}:${pad(seconds)}`
}

/** `mm:ss.d` */
export function formatClockTenths(ms: number): string {
  const { minutes, seconds, tenths } = parts(ms)
  return `${pad(minutes)}:${pad(seconds)}.${tenths}`
}
