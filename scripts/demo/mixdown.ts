// Lays the spoken lines of a call out on one timeline, with the pauses of a real phone call,
// and reports where each line actually landed (that is what the transcript's times must say).
// Some customer answers start before the AI line before them ends (barge-ins), as the simulator's do.
import { BARGE_IN_SHARE } from '../../electron/sim/dataset/transcript'
import type { Speaker } from './dialogues'
import type { Prng } from './prng'
import { SAMPLE_RATE } from './speech'

export interface Clip {
  speaker: Speaker
  samples: Int16Array
}

export interface Placement {
  startMs: number
  endMs: number
}

export interface Mixdown {
  /** Both sides of the call. */
  mix: Int16Array
  /** The customer only, silence elsewhere (the platform's userLuyinOssUrl). */
  customer: Int16Array
  placements: Placement[]
  durationMs: number
}

/** Pause before a line, in ms, by who spoke last and who speaks now. */
function pauseMs(previous: Speaker | null, next: Speaker, rng: Prng): number {
  if (previous === null) return rng.int(250, 800)
  if (previous === next) return rng.int(200, 450)
  // The customer answers quickly; the AI waits for end-of-speech detection and its reply.
  return next === 'ME' ? rng.int(300, 900) : rng.int(550, 1100)
}

const msToSamples = (ms: number): number => Math.round((ms * SAMPLE_RATE) / 1000)
/** A barge-in goes on at least this long after the AI line it cut into has ended. */
const MIN_OUTLAST = msToSamples(300)
const samplesToMs = (samples: number): number => Math.round((samples * 1000) / SAMPLE_RATE)

/** Where each clip starts (samples) and where the call ends, pauses and barge-ins applied. */
function timeline(
  clips: Clip[],
  pauses: number[],
  overlaps: number[],
  tail: number,
): { starts: number[]; total: number } {
  const starts: number[] = []
  let cursor = 0
  clips.forEach((clip, index) => {
    const before = clips[index - 1]
    const overlap = overlaps[index] ?? 0
    // A barge-in starts inside the AI line before it, that share of its length before its end, and
    // outlasts it (the customer answers over the robot's last words; the line after it waits for both).
    const cut = before ? Math.min(Math.round(before.samples.length * overlap), clip.samples.length - MIN_OUTLAST) : 0
    const start =
      overlap > 0 && before && cut > 0
        ? (starts[index - 1] as number) + before.samples.length - cut
        : cursor + (pauses[index] as number)
    starts.push(start)
    cursor = Math.max(cursor, start + clip.samples.length)
  })
  return { starts, total: cursor + tail }
}

export function layOut(clips: Clip[], rng: Prng): Mixdown {
  let previous: Speaker | null = null
  const pauses = clips.map((clip) => {
    const pause = msToSamples(pauseMs(previous, clip.speaker, rng))
    previous = clip.speaker
    return pause
  })
  // The line goes dead a moment after the last word.
  const tail = msToSamples(rng.int(400, 900))
  // Drawn after everything above, so adding barge-ins left every pause (and every word) as it was.
  const overlaps = clips.map((clip, index) =>
    clip.speaker === 'ME' && clips[index - 1]?.speaker === 'AI' && rng.chance(BARGE_IN_SHARE)
      ? rng.int(15, 50) / 100
      : 0,
  )
  const { starts, total } = timeline(clips, pauses, overlaps, tail)
  const mix = new Int16Array(total)
  const customer = new Int16Array(total)
  const placements: Placement[] = []
  clips.forEach((clip, index) => {
    const start = starts[index] as number
    // Both voices where they overlap (clamped to 16 bits); the customer's track is theirs alone.
    for (let i = 0; i < clip.samples.length; i++) {
      mix[start + i] = Math.max(-32768, Math.min(32767, (mix[start + i] as number) + (clip.samples[i] as number)))
    }
    if (clip.speaker === 'ME') customer.set(clip.samples, start)
    placements.push({ startMs: samplesToMs(start), endMs: samplesToMs(start + clip.samples.length) })
  })
  return { mix, customer, placements, durationMs: samplesToMs(total) }
}
