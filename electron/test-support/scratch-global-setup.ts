// Vitest global setup: the run's temporary files go in one directory, removed when it ends.
import { useRunScratchDir } from './run-scratch'

export default function setup(): () => void {
  return useRunScratchDir('vitest')
}
