// Decodes a recording (WAV or MP3) in Node without native code: MP3 through the
// mpg123 WASM decoder. Used once per recording at sync time, to compute peaks.
import type { MPEGDecoder } from 'mpg123-decoder'
import pLimit from 'p-limit'
import { decodeWav, isWav, type DecodedAudio } from './wav'

/**
 * One decoder for every MP3, reset between files: setting up the WASM decoder costs about as
 * much as decoding a minute of audio. Decodes take turns, since a reset must not overlap a decode.
 */
let mp3Decoder: Promise<MPEGDecoder> | null = null
const oneAtATime = pLimit(1)

async function decodeMp3(bytes: Uint8Array): Promise<DecodedAudio> {
  return oneAtATime(async () => {
    mp3Decoder ??= (async () => {
      // Loaded on the first MP3: its WASM takes ≈ 50 ms to load, on every host start otherwise.
      const { MPEGDecoder } = await import('mpg123-decoder')
      const decoder = new MPEGDecoder()
      await decoder.ready
      return decoder
    })()
    const decoder = await mp3Decoder
    try {
      const decoded = decoder.decode(bytes)
      if (decoded.samplesDecoded === 0) throw new Error('not a WAV or MP3 recording (no audio decoded)')
      const channels = decoded.channelData
      if (channels.length === 1) return { samples: channels[0]!, sampleRate: decoded.sampleRate }
      const mono = new Float32Array(decoded.samplesDecoded)
      for (const channel of channels) for (let i = 0; i < mono.length; i++) mono[i]! += channel[i]! / channels.length
      return { samples: mono, sampleRate: decoded.sampleRate }
    } finally {
      // The next file starts from a clean stream state (the output above is a copy, not a view).
      await decoder.reset()
    }
  })
}

export async function decodeAudio(bytes: Uint8Array): Promise<DecodedAudio> {
  return isWav(bytes) ? decodeWav(bytes) : decodeMp3(bytes)
}
