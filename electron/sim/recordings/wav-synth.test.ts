import { describe, expect, it } from 'vitest'
import { crossingsPerSecond, pcmSamples, peak } from '../test-support/wav-samples'
import { renderWavRange, wavSize, wavStream, type SynthSpec } from './wav-synth'

const spec: SynthSpec = {
  durationMs: 2000,
  segments: [
    { speaker: 'AI', startMs: 100, endMs: 700 },
    { speaker: 'ME', startMs: 900, endMs: 1500 },
  ],
}

async function collect(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = []
  for await (const chunk of stream) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks)
}

describe('synthesised WAV recordings', () => {
  const size = wavSize(spec)
  const full = renderWavRange(spec, 0, size - 1)

  it('is 8 kHz 16-bit mono PCM lasting exactly the call', () => {
    expect(size).toBe(44 + 2000 * 8 * 2)
    expect(full.length).toBe(size)
    expect(full.toString('ascii', 0, 4)).toBe('RIFF')
    expect(full.readUInt32LE(4)).toBe(size - 8)
    expect(full.toString('ascii', 8, 16)).toBe('WAVEfmt ')
    expect(full.readUInt16LE(20)).toBe(1)
    expect(full.readUInt16LE(22)).toBe(1)
    expect(full.readUInt32LE(24)).toBe(8000)
    expect(full.readUInt16LE(34)).toBe(16)
    expect(full.readUInt32LE(40)).toBe(32000)
  })

  it('computes any byte range, odd offsets included, identical to the same bytes of the whole', () => {
    for (const [start, end] of [
      [0, 43],
      [0, 44],
      [3, 200],
      [45, 46],
      [1001, 1002],
      [777, 20_001],
      [size - 3, size - 1],
    ] as const) {
      expect(renderWavRange(spec, start, end).equals(full.subarray(start, end + 1))).toBe(true)
    }
  })

  it('streams a range in chunks that add up to the rendered bytes', async () => {
    expect((await collect(wavStream(spec, 0, size - 1))).equals(full)).toBe(true)
    expect((await collect(wavStream(spec, 101, 30_000))).equals(full.subarray(101, 30_001))).toBe(true)
  })

  it('is silent outside speech and sounds inside it, each speaker with its own pitch', () => {
    const samples = pcmSamples(full)
    expect(peak(samples, 0, 100)).toBe(0)
    expect(peak(samples, 700, 900)).toBe(0)
    expect(peak(samples, 1500, 2000)).toBe(0)
    expect(peak(samples, 150, 650)).toBeGreaterThan(3000)
    expect(peak(samples, 950, 1450)).toBeGreaterThan(3000)
    const ai = crossingsPerSecond(samples, 150, 650)
    const me = crossingsPerSecond(samples, 950, 1450)
    expect(me).toBeGreaterThan(350)
    expect(me).toBeLessThan(550)
    expect(ai).toBeGreaterThan(me * 1.5)
  })

  it('keeps a long segment seamless across each second and fades it in and out', () => {
    const long: SynthSpec = { durationMs: 4000, segments: [{ speaker: 'AI', startMs: 500, endMs: 3700 }] }
    const wav = renderWavRange(long, 0, wavSize(long) - 1)
    const samples = pcmSamples(wav)
    const steps = (from: number, to: number) => {
      let max = 0
      for (let k = from; k < to; k++) max = Math.max(max, Math.abs(samples[k + 1]! - samples[k]!))
      return max
    }
    // Across the 1 s and 2 s marks the wave moves no more than anywhere in its steady middle.
    expect(steps(7990, 8010)).toBeLessThanOrEqual(steps(5000, 7000))
    expect(steps(15990, 16010)).toBeLessThanOrEqual(steps(5000, 7000))
    expect(samples[9000]).toBe(samples[17000]) // the voice repeats every second
    expect(peak(samples, 500, 502)).toBeLessThan(peak(samples, 1000, 1500) / 4)
    expect(peak(samples, 3698, 3700)).toBeLessThan(peak(samples, 1000, 1500) / 4)
    for (const [start, end] of [
      [16_000, 16_100],
      [15_999, 32_111],
    ] as const) {
      expect(renderWavRange(long, start, end).equals(wav.subarray(start, end + 1))).toBe(true)
    }
  })
})
