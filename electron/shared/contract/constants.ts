// The contract's plain values, without zod: what the renderer needs at run time
// (option lists), so its start-up does not build every schema.
export const LANGUAGES = ['zh-CN', 'en'] as const
export const THEMES = ['light', 'dark', 'system'] as const
export const VERDICTS = ['pass', 'fail', 'follow_up'] as const

/** BYRobot task status (0 未开始 … 7 排队中); unknown values are kept as their number. */
export const TASK_STATUS = [0, 1, 2, 3, 4, 5, 6, 7] as const
/** Call finishStatus (0 已接听 … 9 主叫欠费); later API versions add more: keep the number. */
export const FINISH_STATUS = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9] as const

/** Whether the reviewer has given a call a verdict (the calls list's review filter). */
export const REVIEW_STATES = ['reviewed', 'unreviewed'] as const
/** Who ended the call: the API's hangUp 0 (AI) or 1 (customer). */
export const HUNG_UP_BY = ['ai', 'customer'] as const
/** A tag check's state in the calls filter (contract/calls.ts tagCheckFilterSchema). */
export const TAG_CHECK_STATES = ['unchecked', 'confirmed', 'corrected', 'missed'] as const
/**
 * A call "has a problem" when it has a barge-in, an aiUnknown line, or a silence of at least
 * this long (its maxSilenceMs): what "next call with a problem" stops at.
 */
export const PROBLEM_SILENCE_MS = 5000
/** What the calls list sorts by; `updatedAt` is the review's last save. */
export const CALL_SORT_FIELDS = ['startTime', 'durationSec', 'chatRound', 'customerName', 'updatedAt'] as const
export const SORT_DIRECTIONS = ['asc', 'desc'] as const
/** Newest first, until the reviewer picks another order. */
export const DEFAULT_CALL_SORT = { field: 'startTime', direction: 'desc' } as const satisfies {
  field: (typeof CALL_SORT_FIELDS)[number]
  direction: (typeof SORT_DIRECTIONS)[number]
}

/** The choices of "sync every N minutes while CallLens is open"; 0 = off. */
export const SYNC_INTERVALS_MINUTES = [0, 5, 15, 30, 60, 120] as const

/** The finest waveform peaks there are, a second (media/peaks.ts computes them at sync time). */
export const PEAKS_STORED_PER_SECOND = 100
