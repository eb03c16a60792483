// Synthesised call recordings: 8 kHz 16-bit mono WAV, silent except tones exactly where each
// speaker talks. Any byte range is computed on its own, so nothing is held in memory.
import { Readable } from 'node:stream'
import type { SpeechSegment } from '../store/types'

export const SAMPLE_RATE = 8000
const HEADER_BYTES = 44
const CHUNK_SAMPLES = 16_384
const AMPLITUDE = 0.3 * 32767
const FADE_S = 0.015

export interface SynthSpec {
  durationMs: number
  segments: readonly SpeechSegment[]
}

export function sampleCount(durationMs: number): number {
  return Math.round((durationMs * SAMPLE_RATE) / 1000)
}

export function wavSize(spec: SynthSpec): number {
  return HEADER_BYTES + sampleCount(spec.durationMs) * 2
}

function header(samples: number): Buffer {
  const h = Buffer.alloc(HEADER_BYTES)
  h.write('RIFF', 0, 'ascii')
  h.writeUInt32LE(36 + samples * 2, 4)
  h.write('WAVE', 8, 'ascii')
  h.write('fmt ', 12, 'ascii')
  h.writeUInt32LE(16, 16)
  h.writeUInt16LE(1, 20) // PCM
  h.writeUInt16LE(1, 22) // mono
  h.writeUInt32LE(SAMPLE_RATE, 24)
  h.writeUInt32LE(SAMPLE_RATE * 2, 28)
  h.writeUInt16LE(2, 32)
  h.writeUInt16LE(16, 34)
  h.write('data', 36, 'ascii')
  h.writeUInt32LE(samples * 2, 40)
  return h
}

/**
 * One period of a sine at 1 Hz, sampled at the sample rate: with whole-number frequencies,
 * sin(2π·f·k/rate) is SINE[(f·k) mod rate], far cheaper than Math.sin per sample.
 */
const SINE = Float64Array.from({ length: SAMPLE_RATE }, (_, i) => Math.sin((2 * Math.PI * i) / SAMPLE_RATE))

function sine(cycles: number): number {
  const i = Math.round(cycles) % SAMPLE_RATE
  return SINE[i < 0 ? i + SAMPLE_RATE : i] as number
}

/** Two timbres a listener (and a test) can tell apart: a bright AI voice, a lower wobbling customer. */
function voice(speaker: SpeechSegment['speaker'], k: number): number {
  // A slow syllable rhythm (|sin 2π·2t|), so the tone sounds like phrases rather than a beep.
  const syllables = 0.65 + 0.35 * Math.abs(sine(2 * k))
  if (speaker === 'AI') {
    // 440 Hz with its second and third harmonics.
    return syllables * (0.6 * sine(440 * k) + 0.25 * sine(880 * k) + 0.15 * sine(1320 * k))
  }
  // 220 Hz with a 5 Hz vibrato of ±8 Hz (phase modulation index 8/5 rad).
  const vibrato = (1.6 * sine(5 * k) * SAMPLE_RATE) / (2 * Math.PI)
  return syllables * sine(220 * k + vibrato)
}

/**
 * Every frequency above is a whole number of hertz, so each voice repeats exactly every second:
 * one second of each is computed once, and a recording is made by copying it (the simulator
 * serves gigabytes in a sync benchmark and must not eat the CPU the app is measured on).
 */
const VOICES = {
  AI: Float64Array.from({ length: SAMPLE_RATE }, (_, k) => voice('AI', k)),
  ME: Float64Array.from({ length: SAMPLE_RATE }, (_, k) => voice('ME', k)),
}
const FULL_VOLUME = {
  AI: Int16Array.from(VOICES.AI, (v) => Math.round(AMPLITUDE * v)),
  ME: Int16Array.from(VOICES.ME, (v) => Math.round(AMPLITUDE * v)),
}
const FADE_SAMPLES = Math.round(FADE_S * SAMPLE_RATE)

/** Writes one speech segment's samples that fall in [from, to) into out (which starts at from). */
function renderSegment(out: Int16Array, from: number, to: number, segment: SpeechSegment): void {
  const startK = Math.ceil((segment.startMs * SAMPLE_RATE) / 1000)
  const endK = Math.ceil((segment.endMs * SAMPLE_RATE) / 1000) // exclusive
  const first = Math.max(from, startK)
  const last = Math.min(to, endK)
  if (first >= last) return
  const wave = VOICES[segment.speaker]
  const full = FULL_VOLUME[segment.speaker]
  // Fades in and out over FADE_S, so speech starts and stops without a click.
  const fadedUntil = Math.min(last, startK + FADE_SAMPLES)
  const fadedFrom = Math.max(fadedUntil, endK - FADE_SAMPLES)
  const faded = (k: number) => {
    const fade = Math.min(1, (k - startK) / FADE_SAMPLES, (endK - k) / FADE_SAMPLES)
    out[k - from] = Math.round(AMPLITUDE * fade * wave[k % SAMPLE_RATE]!)
  }
  let k = first
  for (; k < Math.min(fadedUntil, last); k++) faded(k)
  while (k < Math.min(fadedFrom, last)) {
    const phase = k % SAMPLE_RATE
    const n = Math.min(SAMPLE_RATE - phase, Math.min(fadedFrom, last) - k)
    out.set(full.subarray(phase, phase + n), k - from)
    k += n
  }
  for (; k < last; k++) faded(k)
}

/** Samples [from, to) as little-endian int16; silence outside speech. */
function renderSamples(spec: SynthSpec, from: number, to: number): Buffer {
  // Int16Array is little-endian on every platform Node runs CallLens on, as WAV wants.
  const out = new Int16Array(to - from)
  for (const segment of spec.segments) renderSegment(out, from, to, segment)
  return Buffer.from(out.buffer, out.byteOffset, out.byteLength)
}

/** Bytes [start, end] (inclusive, as HTTP ranges are) of the WAV file. */
export function renderWavRange(spec: SynthSpec, start: number, end: number): Buffer {
  const samples = sampleCount(spec.durationMs)
  const parts: Buffer[] = []
  if (start < HEADER_BYTES) parts.push(header(samples).subarray(start, Math.min(end + 1, HEADER_BYTES)))
  const dataStart = Math.max(start, HEADER_BYTES) - HEADER_BYTES
  const dataEnd = end + 1 - HEADER_BYTES
  if (dataEnd > dataStart) {
    const firstSample = Math.floor(dataStart / 2)
    const lastSample = Math.ceil(dataEnd / 2)
    const pcm = renderSamples(spec, firstSample, lastSample)
    parts.push(pcm.subarray(dataStart - firstSample * 2, dataEnd - firstSample * 2))
  }
  return Buffer.concat(parts)
}

/** Streams bytes [start, end] in chunks, so a long recording never sits whole in memory. */
export function wavStream(spec: SynthSpec, start: number, end: number): Readable {
  function* chunks(): Generator<Buffer> {
    for (let at = start; at <= end; at += CHUNK_SAMPLES * 2) {
      yield renderWavRange(spec, at, Math.min(at + CHUNK_SAMPLES * 2 - 1, end))
    }
  }
  return Readable.from(chunks(), { objectMode: false })
}
