// Starts the peaks workers before a timed sync: from source each loads TypeScript through tsx
// (a second or more on a busy machine), which the built app does not pay.
import { mkdtempSync, rmSync } from 'node:fs'
import { availableParallelism, tmpdir } from 'node:os'
import { join } from 'node:path'
import { peaksPool } from '../../electron/services/media/peaks-pool'

/** A 0.1 s silent 16-bit mono WAV at 8 kHz. */
function tinyWav(): Uint8Array {
  const frames = 800
  const wav = Buffer.alloc(44 + frames * 2)
  wav.write('RIFF', 0)
  wav.writeUInt32LE(36 + frames * 2, 4)
  wav.write('WAVE', 8)
  wav.write('fmt ', 12)
  wav.writeUInt32LE(16, 16)
  wav.writeUInt16LE(1, 20)
  wav.writeUInt16LE(1, 22)
  wav.writeUInt32LE(8000, 24)
  wav.writeUInt32LE(16000, 28)
  wav.writeUInt16LE(2, 32)
  wav.writeUInt16LE(16, 34)
  wav.write('data', 36)
  wav.writeUInt32LE(frames * 2, 40)
  return new Uint8Array(wav)
}

export async function warmPeaksPool(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'calllens-bench-warm-'))
  try {
    const workers = Math.max(1, Math.min(4, availableParallelism() - 1))
    await Promise.all(Array.from({ length: workers }, (_, i) => peaksPool().digest(tinyWav(), join(dir, `${i}.wav`))))
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
