// Where the team-mode tests find PostgreSQL's server binaries, and what they say when there are none.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { findPostgresBin } from './postgres-cluster'

const tempDir = () => mkdtempSync(join(tmpdir(), 'calllens-pgbin-'))

function fakeInitdb(dir: string): string {
  mkdirSync(dir, { recursive: true })
  writeFileSync(join(dir, 'initdb'), '')
  return dir
}

describe('findPostgresBin', () => {
  it('prefers initdb on PATH', () => {
    const onPath = fakeInitdb(join(tempDir(), 'bin'))
    const debian = tempDir()
    fakeInitdb(join(debian, '15', 'bin'))
    expect(findPostgresBin(`/nonexistent:${onPath}`, debian)).toBe(onPath)
  })

  it("falls back to the newest of Debian's versioned directories, which are not on PATH", () => {
    const debian = tempDir()
    fakeInitdb(join(debian, '9', 'bin'))
    fakeInitdb(join(debian, '15', 'bin'))
    mkdirSync(join(debian, '16', 'bin'), { recursive: true }) // client only: no initdb
    expect(findPostgresBin('', debian)).toBe(join(debian, '15', 'bin'))
  })

  it('fails naming the package to install when there is no server anywhere', () => {
    expect(() => findPostgresBin('/nonexistent', join(tempDir(), 'none'))).toThrow(
      /initdb, pg_ctl\) not found on PATH .*apt-get install postgresql/,
    )
  })
})
