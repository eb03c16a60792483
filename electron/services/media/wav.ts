// Decodes RIFF/WAVE recordings to mono float samples: PCM 8/16/24/32-bit, float,
// and the telephony codecs μ-law and A-law (8 kHz call recordings often use them).
export interface DecodedAudio {
  /**
   * Mono samples: floats in [-1, 1], or, for the common telephony case of 16-bit mono PCM, the
   * file's own integers (full scale 32768), read in place instead of converted.
   */
  samples: Float32Array | Int16Array
  sampleRate: number
}

const FORMAT_PCM = 1
const FORMAT_FLOAT = 3
const FORMAT_ALAW = 6
const FORMAT_MULAW = 7
const FORMAT_EXTENSIBLE = 0xfffe

export function isWav(bytes: Uint8Array): boolean {
  return bytes.length >= 12 && ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === 'WAVE'
}

function ascii(bytes: Uint8Array, from: number, to: number): string {
  return String.fromCharCode(...bytes.subarray(from, to))
}

function muLawToFloat(value: number): number {
  const u = ~value & 0xff
  const sign = u & 0x80 ? -1 : 1
  const exponent = (u >> 4) & 0x07
  const mantissa = u & 0x0f
  return (sign * (((mantissa << 3) + 0x84) << exponent) - sign * 0x84) / 32768
}

function aLawToFloat(value: number): number {
  const a = value ^ 0x55
  const sign = a & 0x80 ? 1 : -1
  const exponent = (a >> 4) & 0x07
  const mantissa = a & 0x0f
  const magnitude = exponent === 0 ? (mantissa << 4) + 8 : ((mantissa << 4) + 0x108) << (exponent - 1)
  return (sign * magnitude) / 32768
}

export function decodeWav(bytes: Uint8Array): DecodedAudio {
  if (!isWav(bytes)) throw new Error('not a RIFF/WAVE file')
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  let offset = 12
  let format = 0
  let channels = 0
  let sampleRate = 0
  let bitsPerSample = 0
  let data: Uint8Array | null = null
  while (offset + 8 <= bytes.length) {
    const id = ascii(bytes, offset, offset + 4)
    const size = view.getUint32(offset + 4, true)
    const body = offset + 8
    if (id === 'fmt ') {
      format = view.getUint16(body, true)
      channels = view.getUint16(body + 2, true)
      sampleRate = view.getUint32(body + 4, true)
      bitsPerSample = view.getUint16(body + 14, true)
      if (format === FORMAT_EXTENSIBLE && size >= 26) format = view.getUint16(body + 24, true)
    } else if (id === 'data') {
      // Streamed recorders sometimes leave the size 0 or too large: take what is there.
      const end = size === 0 || body + size > bytes.length ? bytes.length : body + size
      data = bytes.subarray(body, end)
      break
    }
    offset = body + size + (size % 2)
  }
  if (!data || channels < 1 || sampleRate < 1) throw new Error('WAVE file without fmt or data chunk')

  if (format === FORMAT_PCM && bitsPerSample === 16 && channels === 1) return { samples: pcm16Mono(data), sampleRate }

  const bytesPerSample = bitsPerSample / 8
  const frameSize = bytesPerSample * channels
  const frames = Math.floor(data.length / frameSize)
  const samples = new Float32Array(frames)
  const dataView = new DataView(data.buffer, data.byteOffset, data.byteLength)
  const read = sampleReader(format, bitsPerSample, dataView, data)
  for (let frame = 0; frame < frames; frame++) {
    let sum = 0
    for (let channel = 0; channel < channels; channel++) sum += read(frame * frameSize + channel * bytesPerSample)
    samples[frame] = sum / channels
  }
  return { samples, sampleRate }
}

/** The common telephony case (16-bit mono PCM): a typed view of the bytes themselves
 * (little-endian like WAV itself on every platform Electron runs on), no copy. */
function pcm16Mono(data: Uint8Array): Int16Array {
  // An odd offset needs an aligned copy; Buffer#slice would be a view, so copy explicitly.
  const aligned = data.byteOffset % 2 === 0 ? data : new Uint8Array(data)
  return new Int16Array(aligned.buffer, aligned.byteOffset, data.length >> 1)
}

function sampleReader(format: number, bits: number, view: DataView, data: Uint8Array): (at: number) => number {
  if (format === FORMAT_MULAW && bits === 8) return (at) => muLawToFloat(data[at]!)
  if (format === FORMAT_ALAW && bits === 8) return (at) => aLawToFloat(data[at]!)
  if (format === FORMAT_FLOAT && bits === 32) return (at) => view.getFloat32(at, true)
  if (format === FORMAT_PCM) {
    if (bits === 8) return (at) => (data[at]! - 128) / 128
    if (bits === 16) return (at) => view.getInt16(at, true) / 32768
    if (bits === 24) return (at) => (((data[at]! | (data[at + 1]! << 8) | (data[at + 2]! << 16)) << 8) >> 8) / 8388608
    if (bits === 32) return (at) => view.getInt32(at, true) / 2147483648
  }
  throw new Error(`unsupported WAVE encoding (format ${format}, ${bits} bits)`)
}
