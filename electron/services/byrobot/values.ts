// Scalar conversions at the API's edge: the document's examples send numbers as
// strings, durations as "27秒", booleans as 0/1, and JSON inside strings.
import type { Speaker } from '../../shared/contract'

const NUMERIC = /^[+-]?\d+(\.\d+)?$/

/** 2, "2", " 2 " → 2; null, "", "abc", NaN → null (unknown, never 0). */
export function toNumberOrNull(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null
  if (typeof value === 'string' && NUMERIC.test(value.trim())) return Number(value.trim())
  return null
}

/** Strings stay strings; numbers (a phone sent as a number) become strings; anything else is unknown. */
export function toStringOrNull(value: unknown): string | null {
  if (typeof value === 'string') return value
  if (typeof value === 'number' && Number.isFinite(value)) return String(value)
  return null
}

const DURATION_UNITS =
  /^(?:(\d+(?:\.\d+)?)\s*(?:小时|时|h|hr|hours?))?\s*(?:(\d+(?:\.\d+)?)\s*(?:分钟|分|m|min|minutes?))?\s*(?:(\d+(?:\.\d+)?)\s*(?:秒钟|秒|s|sec|seconds?))?$/i
const DURATION_CLOCK = /^(?:(\d+):)?(\d{1,2}):(\d{1,2})$/

/** Seconds from 87, "87", "27秒", "1分5秒", "1h2m3s", "01:05" or "1:02:03"; unknown → null. */
export function parseDurationSec(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value : null
  if (typeof value !== 'string') return null
  const text = value.trim()
  if (text === '') return null
  if (NUMERIC.test(text)) {
    const n = Number(text)
    return n >= 0 ? n : null
  }
  const clock = DURATION_CLOCK.exec(text)
  if (clock) return Number(clock[1] ?? 0) * 3600 + Number(clock[2]) * 60 + Number(clock[3])
  const units = DURATION_UNITS.exec(text)
  if (units && (units[1] ?? units[2] ?? units[3]) !== undefined) {
    return Number(units[1] ?? 0) * 3600 + Number(units[2] ?? 0) * 60 + Number(units[3] ?? 0)
  }
  return null
}

/** aiUnknown: 0/1 in the API, true/false in the callback variant, sometimes as strings. */
export function toBooleanOrNull(value: unknown): boolean | null {
  if (typeof value === 'boolean') return value
  if (value === 1 || value === '1' || value === 'true') return true
  if (value === 0 || value === '0' || value === 'false') return false
  return null
}

/** `properties` is a JSON object serialised into a string; a broken one is unknown, not an error. */
export function parseProperties(value: unknown): Record<string, unknown> | null {
  let parsed: unknown = value
  if (typeof value === 'string') {
    if (value.trim() === '') return null
    try {
      parsed = JSON.parse(value)
    } catch {
      return null
    }
  }
  return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)
    ? (parsed as Record<string, unknown>)
    : null
}

/** "AI" is the robot; "ME" is the called person's side in BYRobot logs (as are USER/CUSTOMER). */
export function toSpeaker(value: unknown): Speaker {
  if (typeof value !== 'string') return 'other'
  const s = value.trim().toUpperCase()
  if (s === 'AI' || s === 'ROBOT' || s === '机器人') return 'ai'
  if (s === 'ME' || s === 'USER' || s === 'CUSTOMER' || s === '客户' || s === '用户') return 'customer'
  return 'other'
}
