// Wall-clock formatting in the API's style: `YYYY-MM-DD HH:mm:ss`, China Standard Time, no zone.

const CST_OFFSET_MS = 8 * 3600 * 1000

function pad(n: number): string {
  return String(n).padStart(2, '0')
}

export function formatCst(epochMs: number): string {
  const d = new Date(epochMs + CST_OFFSET_MS)
  return (
    `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ` +
    `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`
  )
}

export function formatCstDate(epochMs: number): string {
  return formatCst(epochMs).slice(0, 10)
}

/** Inverse of formatCst; NaN when the text is not in that shape. */
export function parseCst(text: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(text)
  if (!m) return NaN
  const [, y, mo, d, h, mi, s] = m.map(Number) as [number, number, number, number, number, number, number]
  return Date.UTC(y, mo - 1, d, h, mi, s) - CST_OFFSET_MS
}
