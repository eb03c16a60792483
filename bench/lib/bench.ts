// The shape of one benchmark module, as run.ts calls it.
import type { Figure } from './figures'

export interface BenchOptions {
  /** Smaller sizes, same shape: the whole suite in under a minute. */
  quick: boolean
  log(message: string): void
}

export interface Bench {
  name: string
  run(options: BenchOptions): Promise<Figure[]>
  /** False for a benchmark that times no part of the built app (`--only team` skips the build). */
  needsBuild?: boolean
}
