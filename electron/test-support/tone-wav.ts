// A WAV file made in memory, for tests and benchmarks that need real audio bytes of a known size.

/** A 16-bit mono 8 kHz WAV, `seconds` long: a 440 Hz tone, or silence with `silent`. */
export function toneWav(seconds: number, { silent = false }: { silent?: boolean } = {}): Uint8Array {
  const frames = Math.round(8000 * seconds)
  const wav = Buffer.alloc(44 + frames * 2)
  wav.write('RIFF', 0)
  wav.writeUInt32LE(36 + frames * 2, 4)
  wav.write('WAVE', 8)
  wav.write('fmt ', 12)
  wav.writeUInt32LE(16, 16) // fmt chunk size
  wav.writeUInt16LE(1, 20) // PCM
  wav.writeUInt16LE(1, 22) // mono
  wav.writeUInt32LE(8000, 24) // sample rate
  wav.writeUInt32LE(16000, 28) // bytes a second
  wav.writeUInt16LE(2, 32) // bytes a frame
  wav.writeUInt16LE(16, 34) // bits a sample
  wav.write('data', 36)
  wav.writeUInt32LE(frames * 2, 40)
  if (!silent) {
    for (let i = 0; i < frames; i++)
      wav.writeInt16LE(Math.round(8000 * Math.sin((2 * Math.PI * 440 * i) / 8000)), 44 + i * 2)
  }
  return new Uint8Array(wav)
}
