import { createHash } from 'node:crypto'
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { answerRange } from './byte-range'
import { decodeAudio } from './decode-audio'
import { downloadToFile } from './download'
import { computePeaks, peaksFromBuffer, peaksToBuffer } from './peaks'

/** A 16-bit PCM mono WAV: silence with a full-scale tone between fromS and toS. */
function toneWav(
  seconds: number,
  fromS: number,
  toS: number,
  sampleRate = 8000,
  format: 'pcm16' | 'mulaw' = 'pcm16',
): Buffer {
  const frames = seconds * sampleRate
  const bytesPerSample = format === 'pcm16' ? 2 : 1
  const data = Buffer.alloc(frames * bytesPerSample)
  for (let i = 0; i < frames; i++) {
    const t = i / sampleRate
    const value = t >= fromS && t < toS ? 0.8 * Math.sin(2 * Math.PI * 440 * t) : 0
    if (format === 'pcm16') data.writeInt16LE(Math.round(value * 32767), i * 2)
    else data[i] = value === 0 ? 0xff : value > 0 ? 0x80 : 0x00 // μ-law: 0xff is silence, 0x80/0x00 full scale
  }
  const header = Buffer.alloc(44)
  header.write('RIFF', 0)
  header.writeUInt32LE(36 + data.length, 4)
  header.write('WAVE', 8)
  header.write('fmt ', 12)
  header.writeUInt32LE(16, 16)
  header.writeUInt16LE(format === 'pcm16' ? 1 : 7, 20)
  header.writeUInt16LE(1, 22)
  header.writeUInt32LE(sampleRate, 24)
  header.writeUInt32LE(sampleRate * bytesPerSample, 28)
  header.writeUInt16LE(bytesPerSample, 32)
  header.writeUInt16LE(bytesPerSample * 8, 34)
  header.write('data', 36)
  header.writeUInt32LE(data.length, 40)
  return Buffer.concat([header, data])
}

describe('peaks', () => {
  it('are loud exactly where the recording is loud and silent elsewhere', async () => {
    const audio = await decodeAudio(toneWav(4, 1, 2))
    const { peaks, durationMs, sampleRate } = computePeaks(audio)
    expect(sampleRate).toBe(8000)
    expect(durationMs).toBe(4000)
    expect(peaks.length).toBe(400)
    const loud = (i: number) => Math.abs(peaks[i]!) > 0.5
    expect(loud(50)).toBe(false)
    expect(loud(105)).toBe(true)
    expect(loud(195)).toBe(true)
    expect(loud(250)).toBe(false)
  })

  it('read 16-bit PCM in place and give exactly the peaks of its float samples, signs kept', async () => {
    const audio = await decodeAudio(toneWav(3, 0.25, 2.5))
    expect(audio.samples).toBeInstanceOf(Int16Array)
    const floats = Float32Array.from(audio.samples, (v) => v / 32768)
    const fromFloats = computePeaks({ samples: floats, sampleRate: audio.sampleRate })
    expect(computePeaks(audio).peaks).toEqual(fromFloats.peaks)
    expect(Math.min(...fromFloats.peaks)).toBeLessThan(-0.7) // a negative peak stays negative
  })

  it('read 16-bit PCM that starts at an odd offset of a Buffer', async () => {
    const wav = toneWav(1, 0.25, 0.75)
    const odd = Buffer.alloc(wav.length + 1)
    wav.copy(odd, 1)
    const shifted = odd.subarray(1) // a view whose byteOffset is odd
    expect(computePeaks(await decodeAudio(shifted)).peaks).toEqual(computePeaks(await decodeAudio(wav)).peaks)
  })

  it('decode μ-law telephony WAVs', async () => {
    const audio = await decodeAudio(toneWav(2, 0.5, 1, 8000, 'mulaw'))
    const { peaks } = computePeaks(audio)
    expect(Math.abs(peaks[20]!)).toBeLessThan(0.01)
    expect(Math.abs(peaks[75]!)).toBeGreaterThan(0.9)
  })

  it('survive a round trip through their stored form', () => {
    const peaks = new Float32Array([0, 0.5, -0.25, 1])
    expect(Array.from(peaksFromBuffer(peaksToBuffer(peaks)))).toEqual([0, 0.5, -0.25, 1])
    expect(Array.from(peaksFromBuffer(Buffer.concat([Buffer.alloc(1), peaksToBuffer(peaks)]).subarray(1)))).toEqual([
      0, 0.5, -0.25, 1,
    ])
  })

  it('refuse bytes that are neither WAV nor MP3', async () => {
    await expect(decodeAudio(new TextEncoder().encode('<html>502 Bad Gateway</html>'))).rejects.toThrow()
  })

  const demoAudio = join(import.meta.dirname, '../../../resources/demo/audio')
  it('decode the MP3 recordings of the demo', async () => {
    expect(existsSync(demoAudio), 'the demo recordings are committed').toBe(true)
    const file = readdirSync(demoAudio).find((name) => name.endsWith('.mp3'))!
    const { peaks, durationMs } = computePeaks(await decodeAudio(readFileSync(join(demoAudio, file))))
    expect(durationMs).toBeGreaterThan(1000)
    expect(Math.max(...peaks.map(Math.abs))).toBeGreaterThan(0.05)
  })

  it('decode MP3s asked for at once exactly as one at a time, a bad file between them', async () => {
    const files = readdirSync(demoAudio)
      .filter((name) => name.endsWith('.mp3'))
      .slice(0, 3)
      .map((name) => readFileSync(join(demoAudio, name)))
    const oneByOne = []
    for (const file of files) oneByOne.push(computePeaks(await decodeAudio(file)).peaks)
    const bad = decodeAudio(new TextEncoder().encode('<html>502 Bad Gateway</html>'))
    const together = Promise.all(files.map(async (file) => computePeaks(await decodeAudio(file)).peaks))
    await expect(bad).rejects.toThrow()
    expect(await together).toEqual(oneByOne)
  })
})

describe('downloads', () => {
  it('write the whole body, report its size and sha256, and leave no temp file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'calllens-download-'))
    const body = toneWav(1, 0, 1)
    const result = await downloadToFile(new Response(body).body!, join(dir, 'calls', '1.wav'))
    expect(result.bytes).toBe(body.length)
    expect(result.sha256).toBe(createHash('sha256').update(body).digest('hex'))
    expect(readFileSync(join(dir, 'calls', '1.wav')).equals(body)).toBe(true)
    expect(result.content.equals(body)).toBe(true)
    expect(readdirSync(join(dir, 'calls'))).toEqual(['1.wav'])
  })

  it('leave nothing behind when the stream breaks midway', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'calllens-download-'))
    const broken = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new Uint8Array(1000))
        controller.error(new Error('connection reset'))
      },
    })
    await expect(downloadToFile(broken, join(dir, '2.mp3'))).rejects.toThrow('connection reset')
    expect(readdirSync(dir)).toEqual([])
  })
})

describe('byte ranges', () => {
  it('answer whole files, ranges, open ranges, suffixes and unsatisfiable ranges', () => {
    expect(answerRange(1000, null, 'audio/mpeg')).toMatchObject({ status: 200, start: 0, end: 999 })
    expect(answerRange(1000, 'bytes=0-99', 'audio/mpeg')).toMatchObject({
      status: 206,
      start: 0,
      end: 99,
      headers: { 'Content-Range': 'bytes 0-99/1000', 'Content-Length': '100' },
    })
    expect(answerRange(1000, 'bytes=900-', 'audio/mpeg')).toMatchObject({ status: 206, start: 900, end: 999 })
    expect(answerRange(1000, 'bytes=-100', 'audio/mpeg')).toMatchObject({ status: 206, start: 900, end: 999 })
    expect(answerRange(1000, 'bytes=990-2000', 'audio/mpeg')).toMatchObject({ status: 206, start: 990, end: 999 })
    expect(answerRange(1000, 'bytes=1000-', 'audio/mpeg')).toMatchObject({ status: 416 })
    expect(answerRange(1000, 'bytes=5-1', 'audio/mpeg')).toMatchObject({ status: 416 })
    expect(answerRange(1000, 'items=0-1', 'audio/mpeg')).toMatchObject({ status: 416 })
  })
})
