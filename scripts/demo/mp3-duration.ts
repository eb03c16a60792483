// Reads an MP3's length from its frame headers (MPEG-1/2/2.5 Layer III), without decoding it.
// The demo's integrity test uses it to check the dataset against the real audio files.

const BITRATES_KBPS: Record<'v1' | 'v2', number[]> = {
  v1: [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320],
  v2: [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
}
const SAMPLE_RATES: Record<number, number[]> = {
  3: [44100, 48000, 32000],
  2: [22050, 24000, 16000],
  0: [11025, 12000, 8000],
}

export interface Mp3Info {
  /** Audio frames, not counting a Xing/Info tag frame. */
  frames: number
  sampleRate: number
  /** Samples the encoder added at the start and end (from a LAME tag; 0 without one). */
  delay: number
  padding: number
  /** Seconds of audio the encoder was given. */
  durationSeconds: number
}

interface FrameHeader {
  length: number
  sampleRate: number
  samplesPerFrame: number
  /** Where the side information ends: a Xing/Info tag would start there. */
  sideInfoEnd: number
}

function readHeader(bytes: Uint8Array, at: number): FrameHeader | null {
  if (at + 4 > bytes.length) return null
  const b1 = bytes[at + 1] as number
  const b2 = bytes[at + 2] as number
  const b3 = bytes[at + 3] as number
  if (bytes[at] !== 0xff || (b1 & 0xe0) !== 0xe0) return null
  const version = (b1 >> 3) & 0x03 // 3: MPEG-1, 2: MPEG-2, 0: MPEG-2.5
  const layer = (b1 >> 1) & 0x03 // 1: Layer III
  const bitrateIndex = b2 >> 4
  const rateIndex = (b2 >> 2) & 0x03
  if (version === 1 || layer !== 1 || bitrateIndex === 0 || bitrateIndex === 15 || rateIndex === 3) return null
  const bitrate = (BITRATES_KBPS[version === 3 ? 'v1' : 'v2'][bitrateIndex] as number) * 1000
  const sampleRate = (SAMPLE_RATES[version] as number[])[rateIndex] as number
  const padding = (b2 >> 1) & 0x01
  const mono = b3 >> 6 === 3
  const samplesPerFrame = version === 3 ? 1152 : 576
  const length = Math.floor(((samplesPerFrame / 8) * bitrate) / sampleRate) + padding
  const sideInfo = version === 3 ? (mono ? 17 : 32) : mono ? 9 : 17
  return { length, sampleRate, samplesPerFrame, sideInfoEnd: at + 4 + sideInfo }
}

const ascii = (bytes: Uint8Array, at: number, length: number): string =>
  String.fromCharCode(...bytes.subarray(at, at + length))

/** Skips an ID3v2 tag at the start, if any. */
function audioStart(bytes: Uint8Array): number {
  if (ascii(bytes, 0, 3) !== 'ID3') return 0
  const size =
    ((bytes[6] as number) << 21) | ((bytes[7] as number) << 14) | ((bytes[8] as number) << 7) | (bytes[9] as number)
  return 10 + size
}

/** Encoder delay and padding from the LAME tag that follows a Xing/Info header. */
function lameGap(bytes: Uint8Array, tagAt: number): { delay: number; padding: number } {
  const flags = new DataView(bytes.buffer, bytes.byteOffset).getUint32(tagAt + 4)
  let at = tagAt + 8
  if (flags & 0x1) at += 4 // frame count
  if (flags & 0x2) at += 4 // byte count
  if (flags & 0x4) at += 100 // seek table
  if (flags & 0x8) at += 4 // quality
  if (ascii(bytes, at, 4) !== 'LAME') return { delay: 0, padding: 0 }
  const gap = at + 21
  const b0 = bytes[gap] as number
  const b1 = bytes[gap + 1] as number
  const b2 = bytes[gap + 2] as number
  return { delay: (b0 << 4) | (b1 >> 4), padding: ((b1 & 0x0f) << 8) | b2 }
}

export function mp3Info(bytes: Uint8Array): Mp3Info {
  let at = audioStart(bytes)
  let frames = 0
  let samples = 0
  let sampleRate = 0
  let gap = { delay: 0, padding: 0 }
  let first = true
  while (at < bytes.length) {
    const header = readHeader(bytes, at)
    if (!header) {
      // Trailing tags (ID3v1 "TAG") or junk end the stream; anything else inside it is an error.
      if (frames > 0 && bytes.length - at <= 128) break
      throw new Error(`not an MP3 frame at byte ${at}`)
    }
    const tag = ascii(bytes, header.sideInfoEnd, 4)
    if (first && (tag === 'Xing' || tag === 'Info')) {
      gap = lameGap(bytes, header.sideInfoEnd)
    } else {
      if (sampleRate !== 0 && header.sampleRate !== sampleRate) throw new Error('sample rate changes mid-stream')
      sampleRate = header.sampleRate
      frames++
      samples += header.samplesPerFrame
    }
    first = false
    at += header.length
  }
  if (frames === 0) throw new Error('no MP3 frames')
  const durationSeconds = Math.max(0, samples - gap.delay - gap.padding) / sampleRate
  return { frames, sampleRate, ...gap, durationSeconds }
}
