import { resolve } from 'node:path'
import { defineConfig } from 'vitest/config'

export default defineConfig({
  resolve: { alias: { '@shared': resolve('electron/shared') } },
  test: {
    include: ['electron/**/*.test.ts', 'renderer/**/*.test.ts', 'scripts/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
    // One PostgreSQL cluster for the run's team tests, started by the first file that needs it.
    globalSetup: ['electron/test-support/postgres-global-setup.ts'],
  },
})
