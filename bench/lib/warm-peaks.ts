// Starts the peaks workers before a timed sync: from source each loads TypeScript through tsx
// (a second or more on a busy machine), which the built app does not pay.
import { mkdtempSync, rmSync } from 'node:fs'
import { availableParallelism, tmpdir } from 'node:os'
import { join } from 'node:path'
import { peaksPool } from '../../electron/services/media/peaks-pool'
import { toneWav } from '../../electron/test-support/tone-wav'

export async function warmPeaksPool(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'calllens-bench-warm-'))
  try {
    const workers = Math.max(1, Math.min(4, availableParallelism() - 1))
    await Promise.all(
      Array.from({ length: workers }, (_, i) =>
        peaksPool().digest(toneWav(0.1, { silent: true }), join(dir, `${i}.wav`)),
      ),
    )
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
