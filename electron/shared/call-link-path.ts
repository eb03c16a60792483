// A link to a moment of a call written out: `calllens://call/ID?t=SECONDS` and the app's own route
// for it. Kept apart from call-link.ts (which parses links from outside with zod) so the renderer's
// entry, which follows a link at start-up, does not carry zod (≈ 90 KB of start-up's script).

export const CALL_LINK_SCHEME = 'calllens'

export interface CallLink {
  callInstanceId: number
  /** Where the playhead goes; null: the call's start (or its search match). */
  atMs: number | null
}

/** 12500 → '12.5': seconds to a tenth, which is as close as a reviewer points. */
export function secondsParam(ms: number): string {
  return String(Math.round(Math.max(0, ms) / 100) / 10)
}

export function callLinkUrl(link: CallLink): string {
  const base = `${CALL_LINK_SCHEME}://call/${link.callInstanceId}`
  return link.atMs === null ? base : `${base}?t=${secondsParam(link.atMs)}`
}

/** The app's own route for a link (the hash router's path): `/calls/ID?t=SECONDS`. */
export function callLinkPath(link: CallLink): string {
  const path = `/calls/${link.callInstanceId}`
  return link.atMs === null ? path : `${path}?t=${secondsParam(link.atMs)}`
}
