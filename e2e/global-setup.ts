// Playwright global setup: the run's temporary files (hosts' data directories, simulators'
// datasets, browser profiles) go in one directory, removed when it ends.
import { useRunScratchDir } from '../electron/test-support/run-scratch'

export default function globalSetup(): () => void {
  return useRunScratchDir('e2e')
}
