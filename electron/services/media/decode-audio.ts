// Decodes a recording (WAV or MP3) in Node without native code: MP3 through the
// mpg123 WASM decoder. Used once per recording at sync time, to compute peaks.
import { MPEGDecoder } from 'mpg123-decoder'
import { decodeWav, isWav, type DecodedAudio } from './wav'

export async function decodeAudio(bytes: Uint8Array): Promise<DecodedAudio> {
  if (isWav(bytes)) return decodeWav(bytes)
  const decoder = new MPEGDecoder()
  await decoder.ready
  try {
    const decoded = decoder.decode(bytes)
    if (decoded.samplesDecoded === 0) throw new Error('not a WAV or MP3 recording (no audio decoded)')
    const channels = decoded.channelData
    if (channels.length === 1) return { samples: channels[0]!, sampleRate: decoded.sampleRate }
    const mono = new Float32Array(decoded.samplesDecoded)
    for (const channel of channels) for (let i = 0; i < mono.length; i++) mono[i]! += channel[i]! / channels.length
    return { samples: mono, sampleRate: decoded.sampleRate }
  } finally {
    decoder.free()
  }
}
