import { resolve } from 'node:path'
import { configDefaults, defineConfig } from 'vitest/config'

/**
 * Files that wait on deadlines or kill processes at chosen moments: they run last, one at a time,
 * with no other test file competing for the CPU (a second worker beside them made the
 * combined-faults sync miss its deadline).
 */
const ALONE = [
  'electron/reliability/**/*.test.ts',
  'electron/cli/crash-resume.test.ts',
  'electron/services/team/team-calibration-view.test.ts',
  'electron/services/team/team-review-desktops.test.ts',
]

export default defineConfig({
  resolve: { alias: { '@shared': resolve('electron/shared') } },
  test: {
    environment: 'node',
    testTimeout: 20_000,
    // The run's temp files in one directory (first, so the PostgreSQL cluster's lands there too);
    // one PostgreSQL cluster per project for its team tests, started by the first file that needs it.
    globalSetup: ['electron/test-support/scratch-global-setup.ts', 'electron/test-support/postgres-global-setup.ts'],
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['electron/**/*.test.ts', 'renderer/**/*.test.ts', 'scripts/**/*.test.ts'],
          exclude: [...configDefaults.exclude, ...ALONE],
          // Every core (the default leaves one idle: a single worker on these two-core machines).
          maxWorkers: '100%',
        },
      },
      {
        extends: true,
        test: {
          name: 'alone',
          include: ALONE,
          maxWorkers: 1,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
})
