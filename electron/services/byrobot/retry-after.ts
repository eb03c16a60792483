// Reads an HTTP Retry-After header (delta-seconds or an HTTP date) as milliseconds.

/** Milliseconds to wait, or undefined when the header is absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, now: number = Date.now()): number | undefined {
  if (value == null) return undefined
  const text = value.trim()
  if (text === '') return undefined
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000)
  // Date.parse is lenient ("-1" is a year): an HTTP date always names its weekday and month.
  if (!/[a-z]{3}/i.test(text)) return undefined
  const at = Date.parse(text)
  if (Number.isNaN(at)) return undefined
  // A date in the past means "now": never a negative wait.
  return Math.max(0, at - now)
}
