// Lays the spoken lines of a call out on one timeline, with the pauses of a real phone call,
// and reports where each line actually landed (that is what the transcript's times must say).
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
const samplesToMs = (samples: number): number => Math.round((samples * 1000) / SAMPLE_RATE)

export function layOut(clips: Clip[], rng: Prng): Mixdown {
  const starts: number[] = []
  let cursor = 0
  let previous: Speaker | null = null
  for (const clip of clips) {
    cursor += msToSamples(pauseMs(previous, clip.speaker, rng))
    starts.push(cursor)
    cursor += clip.samples.length
    previous = clip.speaker
  }
  // The line goes dead a moment after the last word.
  const total = cursor + msToSamples(rng.int(400, 900))
  const mix = new Int16Array(total)
  const customer = new Int16Array(total)
  const placements: Placement[] = []
  clips.forEach((clip, index) => {
    const start = starts[index] as number
    mix.set(clip.samples, start)
    if (clip.speaker === 'ME') customer.set(clip.samples, start)
    placements.push({ startMs: samplesToMs(start), endMs: samplesToMs(start + clip.samples.length) })
  })
  return { mix, customer, placements, durationMs: samplesToMs(total) }
}
