// Reading synthesised WAV audio back in tests: PCM samples and where the sound is.
import { SAMPLE_RATE } from '../recordings/wav-synth'

export function pcmSamples(wav: Buffer): Int16Array {
  const data = wav.subarray(44)
  const samples = new Int16Array(data.length / 2)
  for (let i = 0; i < samples.length; i++) samples[i] = data.readInt16LE(i * 2)
  return samples
}

/** Loudest sample in [fromMs, toMs). */
export function peak(samples: Int16Array, fromMs: number, toMs: number): number {
  let max = 0
  const end = Math.min(Math.floor((toMs * SAMPLE_RATE) / 1000), samples.length)
  for (let i = Math.floor((fromMs * SAMPLE_RATE) / 1000); i < end; i++) max = Math.max(max, Math.abs(samples[i] ?? 0))
  return max
}

/** Sign changes per second in [fromMs, toMs): a rough pitch measure that tells the voices apart. */
export function crossingsPerSecond(samples: Int16Array, fromMs: number, toMs: number): number {
  const start = Math.floor((fromMs * SAMPLE_RATE) / 1000)
  const end = Math.floor((toMs * SAMPLE_RATE) / 1000)
  let crossings = 0
  for (let i = start + 1; i < end; i++) {
    if ((samples[i - 1] ?? 0) < 0 !== (samples[i] ?? 0) < 0) crossings++
  }
  return (crossings * 1000) / (toMs - fromMs)
}
