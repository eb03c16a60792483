// How transports find a cached recording for the player: by call id and kind only —
// the renderer never names a path or a URL.
import { createReadStream, statSync, type ReadStream } from 'node:fs'
import { answerRange, audioContentType } from './byte-range'

export type RecordingKind = 'full' | 'customer'

export interface MediaSource {
  /** Absolute path of the cached recording, or null when it is not cached. */
  recordingFile(callInstanceId: number, kind: RecordingKind): string | null
}

/** Parses `<callId>/<kind>` as the media URLs carry it; anything else is refused. */
export function parseMediaPath(path: string): { callInstanceId: number; kind: RecordingKind } | null {
  const match = /^\/?(\d{1,18})\/(full|customer)$/.exec(path)
  if (!match) return null
  const callInstanceId = Number(match[1])
  return Number.isSafeInteger(callInstanceId) && callInstanceId > 0
    ? { callInstanceId, kind: match[2] as RecordingKind }
    : null
}

export interface MediaReply {
  status: number
  headers: Record<string, string>
  body: ReadStream | null
}

/** A Range-aware reply for a recording file (206 for ranges, so seeking works). */
export function replyWithRecording(file: string | null, rangeHeader: string | null | undefined): MediaReply {
  if (!file) return { status: 404, headers: { 'Content-Type': 'text/plain' }, body: null }
  let size: number
  try {
    size = statSync(file).size
  } catch {
    return { status: 404, headers: { 'Content-Type': 'text/plain' }, body: null }
  }
  const answer = answerRange(size, rangeHeader, audioContentType(file))
  if (answer.status === 416) return { status: 416, headers: answer.headers, body: null }
  return {
    status: answer.status,
    headers: answer.headers,
    body: createReadStream(file, { start: answer.start, end: answer.end }),
  }
}
