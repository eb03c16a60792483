// Speech and recordings for the demo: espeak-ng speaks a line, sox turns it into telephone-quality
// PCM (8 kHz mono, silence trimmed), lame encodes a laid-out call to MP3.
import { execFile } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import pLimit from 'p-limit'
import type { Speaker } from './dialogues'

const run = promisify(execFile)

export const SAMPLE_RATE = 8000

/** Two voices a listener tells apart: a brisk female AI and a lower male-ish customer. */
const VOICES: Record<Speaker, string[]> = {
  AI: ['-v', 'cmn+f3', '-s', '215', '-p', '55'],
  ME: ['-v', 'cmn+m3', '-s', '195', '-p', '40'],
}

/** Telephone band, level, and the silence espeak leaves at both ends. */
const SOX_EFFECTS = [
  'highpass', '300',
  'lowpass', '3400',
  'gain', '-n', '-3',
  'silence', '1', '0.02', '0.5%',
  'reverse',
  'silence', '1', '0.02', '0.5%',
  'reverse',
] // prettier-ignore

export const TOOLS = ['espeak-ng', 'sox', 'lame'] as const

export async function checkTools(): Promise<void> {
  const missing: string[] = []
  for (const tool of TOOLS) {
    try {
      await run('sh', ['-c', `command -v ${tool}`])
    } catch {
      missing.push(tool)
    }
  }
  if (missing.length > 0) {
    throw new Error(`missing ${missing.join(', ')}: install with apt-get install -y espeak-ng sox lame libsox-fmt-mp3`)
  }
}

/** Speaks lines, caching each clip by voice and text so reruns only speak what changed. */
export class Speech {
  private readonly pending = new Map<string, Promise<Int16Array>>()
  /** The machine is shared: two speakers at a time. */
  private readonly limit = pLimit(2)

  constructor(private readonly cacheDir = join(tmpdir(), 'calllens-demo-tts')) {}

  speak(speaker: Speaker, text: string): Promise<Int16Array> {
    const key = createHash('sha1')
      .update(JSON.stringify([VOICES[speaker], SOX_EFFECTS, text]))
      .digest('hex')
    let clip = this.pending.get(key)
    if (!clip) {
      clip = this.limit(() => this.render(key, speaker, text))
      this.pending.set(key, clip)
    }
    return clip
  }

  private async render(key: string, speaker: Speaker, text: string): Promise<Int16Array> {
    await mkdir(this.cacheDir, { recursive: true })
    const raw = join(this.cacheDir, `${key}.raw`)
    try {
      return toSamples(await readFile(raw))
    } catch {
      // not cached yet
    }
    const wav = join(this.cacheDir, `${key}.wav`)
    const partial = `${raw}.part`
    await run('espeak-ng', [...VOICES[speaker], '-w', wav, '--', text])
    await run('sox', [
      wav,
      '-r',
      String(SAMPLE_RATE),
      '-c',
      '1',
      '-b',
      '16',
      '-e',
      'signed',
      '-t',
      'raw',
      partial,
      ...SOX_EFFECTS,
    ])
    await rm(wav)
    await rename(partial, raw)
    const samples = toSamples(await readFile(raw))
    if (samples.length < SAMPLE_RATE / 10) throw new Error(`espeak-ng produced no speech for ${JSON.stringify(text)}`)
    return samples
  }
}

function toSamples(bytes: Buffer): Int16Array {
  const copy = new Uint8Array(bytes.length)
  copy.set(bytes)
  return new Int16Array(copy.buffer, 0, Math.floor(bytes.length / 2))
}

/** A 16-bit mono WAV file of 8 kHz samples. */
export function toWav(samples: Int16Array): Buffer {
  const header = Buffer.alloc(44)
  const dataBytes = samples.length * 2
  header.write('RIFF', 0, 'ascii')
  header.writeUInt32LE(36 + dataBytes, 4)
  header.write('WAVEfmt ', 8, 'ascii')
  header.writeUInt32LE(16, 16)
  header.writeUInt16LE(1, 20) // PCM
  header.writeUInt16LE(1, 22) // mono
  header.writeUInt32LE(SAMPLE_RATE, 24)
  header.writeUInt32LE(SAMPLE_RATE * 2, 28)
  header.writeUInt16LE(2, 32)
  header.writeUInt16LE(16, 34)
  header.write('data', 36, 'ascii')
  header.writeUInt32LE(dataBytes, 40)
  const body = Buffer.alloc(dataBytes)
  samples.forEach((sample, index) => body.writeInt16LE(sample, index * 2))
  return Buffer.concat([header, body])
}

/**
 * Encodes 8 kHz mono PCM to a small MP3: telephone speech needs little, and the whole demo
 * must stay under 5 MB. Average bitrate 10 kbps: 16 kbps frames for speech, 8 for silence.
 */
export async function encodeMp3(samples: Int16Array, path: string): Promise<void> {
  const wav = `${path}.wav`
  await writeFile(wav, toWav(samples))
  try {
    await run('lame', ['--quiet', '-m', 'm', '--resample', '8', '--abr', '10', '-b', '8', '-B', '16', wav, path])
  } finally {
    await rm(wav, { force: true })
  }
}
