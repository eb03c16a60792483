// Conversation metrics of one call, as pure functions over its transcript lines: the one
// definition the CLI's `stats`, the insights page, the waveform lane and the filters share.
import type { TranscriptLine } from '../contract/domain'

/** What the metrics read of a transcript line. */
export type ConversationLine = Pick<
  TranscriptLine,
  'index' | 'speaker' | 'content' | 'startMs' | 'endMs' | 'inferred' | 'aiUnknown'
>

/** A customer line followed directly by an AI line; ms is negative when the AI started first. */
export interface AiLatency {
  customerIndex: number
  aiIndex: number
  ms: number
}

/** A customer line that starts before the end of the AI line before it. */
export interface BargeIn {
  customerIndex: number
  aiIndex: number
  /** How long both speak at once. */
  overlapMs: number
}

/** The pause before a line: its start minus the latest end of the lines before it, at least 0. */
export interface Silence {
  beforeIndex: number
  fromMs: number
  ms: number
}

/**
 * Lines whose timing the API gave (inferred ones are guesses, not measurements), sorted by start;
 * lines starting together keep their transcript order.
 */
export function timedLines<L extends ConversationLine>(lines: readonly L[]): L[] {
  return lines
    .map((line, order) => ({ line, order }))
    .filter(({ line }) => !line.inferred)
    .sort((a, b) => a.line.startMs - b.line.startMs || a.order - b.order)
    .map(({ line }) => line)
}

export function aiLatencies(lines: readonly ConversationLine[]): AiLatency[] {
  const timed = timedLines(lines)
  const out: AiLatency[] = []
  for (let i = 1; i < timed.length; i++) {
    const [customer, ai] = [timed[i - 1]!, timed[i]!]
    if (customer.speaker === 'customer' && ai.speaker === 'ai') {
      out.push({ customerIndex: customer.index, aiIndex: ai.index, ms: ai.startMs - customer.endMs })
    }
  }
  return out
}

/**
 * "The AI line before it" is the latest-starting timed AI line before the customer line, whatever
 * lies between (a second customer line still talks over the same AI line).
 */
export function bargeIns(lines: readonly ConversationLine[]): BargeIn[] {
  const out: BargeIn[] = []
  let ai: ConversationLine | null = null
  for (const line of timedLines(lines)) {
    if (line.speaker === 'ai') ai = line
    else if (line.speaker === 'customer' && ai !== null && line.startMs < ai.endMs) {
      const overlapMs = Math.min(ai.endMs, line.endMs) - Math.max(ai.startMs, line.startMs)
      out.push({ customerIndex: line.index, aiIndex: ai.index, overlapMs: Math.max(0, overlapMs) })
    }
  }
  return out
}

export function silences(lines: readonly ConversationLine[]): Silence[] {
  const timed = timedLines(lines)
  const out: Silence[] = []
  let latestEnd = timed[0]?.endMs ?? 0
  for (const line of timed.slice(1)) {
    out.push({ beforeIndex: line.index, fromMs: latestEnd, ms: Math.max(0, line.startMs - latestEnd) })
    latestEnd = Math.max(latestEnd, line.endMs)
  }
  return out
}

/** AI lines the API flagged as a question the robot could not answer (timed or not). */
export function aiUnknownLines<L extends ConversationLine>(lines: readonly L[]): L[] {
  return lines.filter((line) => line.speaker === 'ai' && line.aiUnknown === true)
}

export type HungUpBy = 'ai' | 'customer'

/** The API's `hangUp`: 0 the AI, 1 the customer; anything else is not known. */
export function hungUpBy(hangUp: number | null): HungUpBy | null {
  return hangUp === 0 ? 'ai' : hangUp === 1 ? 'customer' : null
}

/** The call's last AI line in the API's order: its 1-based position among the AI lines, and text. */
export function lastAiLine(lines: readonly ConversationLine[]): { index: number; content: string } | null {
  const ai = lines.filter((line) => line.speaker === 'ai').sort((a, b) => a.index - b.index)
  const last = ai[ai.length - 1]
  return last ? { index: ai.length, content: last.content } : null
}
