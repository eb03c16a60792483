// Links to a moment of a call: `calllens://call/ID?t=SECONDS` opens the app there (Electron), and
// `#/calls/ID?t=SECONDS` is the same place inside the app. Parsed strictly: a link comes from
// outside (another app, a chat message), so anything but that exact shape is refused.
import { z } from 'zod'
import { lazySchema } from './contract/lazy-schema'
import type { CallLink } from './call-link-path'

export { CALL_LINK_SCHEME, callLinkPath, callLinkUrl, secondsParam, type CallLink } from './call-link-path'

/** Twelve hours: far longer than any call, short enough that a typo is not a moment. */
const MAX_MOMENT_MS = 12 * 3600 * 1000

export const callLinkSchema = lazySchema(
  () =>
    z.strictObject({
      callInstanceId: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
      /** Where the playhead goes; null: the call's start (or its search match). */
      atMs: z.number().int().min(0).max(MAX_MOMENT_MS).nullable(),
    }) satisfies z.ZodType<CallLink>,
)

const LINK = /^calllens:\/\/call\/(\d{1,16})\/?(?:\?t=(\d{1,6}(?:\.\d{1,3})?))?$/i

/** The link, or null when the text is not exactly a call link with an optional time. */
export function parseCallLink(text: unknown): CallLink | null {
  if (typeof text !== 'string' || text.length > 100) return null
  const match = LINK.exec(text.trim())
  if (!match) return null
  const parsed = callLinkSchema.safeParse({
    callInstanceId: Number(match[1]),
    atMs: match[2] === undefined ? null : Math.round(Number(match[2]) * 1000),
  })
  return parsed.success ? parsed.data : null
}

/** The first call link among a process's arguments (how Windows and Linux hand one over). */
export function callLinkInArgs(args: readonly string[]): CallLink | null {
  for (const arg of args) {
    const link = parseCallLink(arg)
    if (link) return link
  }
  return null
}
