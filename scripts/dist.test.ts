// `npm run dist` where no Electron binary can be had: one line saying so, at once, and a failure
// exit, instead of electron-builder's stack trace after a download times out.
import { spawnSync } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

describe('npm run dist without an Electron binary', () => {
  it('fails with one line saying installers cannot be built here, before building anything', () => {
    // electron's own override: the binary is looked for in an empty directory, as on a machine whose download failed.
    const empty = mkdtempSync(join(tmpdir(), 'calllens-no-electron-'))
    const result = spawnSync(process.execPath, [join(import.meta.dirname, 'dist.mjs')], {
      env: { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: empty },
      encoding: 'utf8',
      timeout: 15_000,
    })
    expect(result.error).toBeUndefined()
    expect(result.status).toBe(1)
    expect(result.stdout).toBe('')
    expect(result.stderr.trimEnd().split('\n')).toEqual([
      'CallLens: cannot build installers here: no Electron binary on this machine (its download is blocked or was skipped). The release workflow builds them on GitHub runners.',
    ])
  })
})
