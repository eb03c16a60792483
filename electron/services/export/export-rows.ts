// The calls export, shared by the CLI and the app: one object per call with its
// results, transcript, recording state and the reviewer's review (tag checks included).
import type { CachedCall, CallFilterInput } from '../../shared/contract'
import type { CallCache, CallCursor } from '../cache'

export interface ExportedCall {
  callInstanceId: number
  callJobId: number
  taskName: string | null
  customerName: string | null
  customerTelephone: string | null
  finishStatus: number | null
  durationSec: number | null
  chatRound: number | null
  startTime: string | null
  endTime: string | null
  hangUp: number | null
  results: { name: string; value: string; desc: string | null }[]
  transcript: { speaker: string; content: string; startMs: number; endMs: number; inferred: boolean }[]
  recording: { cached: boolean; bytes: number | null }
  review: {
    verdict: string | null
    score: number | null
    tags: string[]
    text: string
    comments: {
      atMs: number
      endMs: number | null
      lineIndex: number | null
      text: string
      category: string | null
      createdAt: string
    }[]
    tagChecks: { name: string; robotValue: string; status: string; correctedValue: string | null }[]
    updatedAt: string
  } | null
}

/** One cached call as an export row (the calls export's and a review queue's). */
export function exportedCall(cached: CachedCall): ExportedCall {
  const { call, review } = cached
  const full = cached.recordings.find((recording) => recording.kind === 'full')
  return {
    callInstanceId: call.callInstanceId,
    callJobId: call.taskId,
    taskName: cached.taskName,
    customerName: call.customerName,
    customerTelephone: call.customerTelephone,
    finishStatus: call.finishStatus,
    durationSec: call.durationSec,
    chatRound: call.chatRound,
    startTime: call.startTime,
    endTime: call.endTime,
    hangUp: call.hangUp,
    results: call.results.map(({ name, value, desc }) => ({ name, value, desc })),
    transcript: call.transcript.map(({ speaker, content, startMs, endMs, inferred }) => ({
      speaker,
      content,
      startMs,
      endMs,
      inferred,
    })),
    recording: { cached: Boolean(full), bytes: full?.bytes ?? null },
    review: review
      ? {
          verdict: review.verdict,
          score: review.score,
          tags: review.tags,
          text: review.text,
          comments: review.comments.map(({ atMs, endMs, lineIndex, text, category, createdAt }) => ({
            atMs,
            endMs,
            lineIndex,
            text,
            category,
            createdAt,
          })),
          tagChecks: review.tagChecks,
          updatedAt: review.updatedAt,
        }
      : null,
  }
}

const PAGE = 500

/**
 * The filtered calls oldest first, read a page of ids at a time after the last one (a keyset, not
 * an offset: the 200th page costs what the first does) and each call whole as it is yielded, so
 * an export of any size holds one page of ids and one call.
 */
export function* exportCalls(cache: CallCache, filter: CallFilterInput = {}): Generator<ExportedCall> {
  const sort = { field: 'startTime', direction: 'asc' } as const
  for (let cursor: CallCursor | null = null; ;) {
    const page = cache.callIdPage(filter, sort, cursor, PAGE)
    for (const callId of page.callIds) {
      // Removed since its page was read: the export is of the calls still cached.
      const cached = cache.getCall(callId)
      if (cached) yield exportedCall(cached)
    }
    if (!page.next) return
    cursor = page.next
  }
}
