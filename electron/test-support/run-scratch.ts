// One scratch directory per test or benchmark run, made the run's TMPDIR: every temporary
// directory a test, a spawned host, a CLI or a browser makes lands inside it, and it goes when the
// run ends. Without it each run left its caches, recordings and browser profiles in /tmp — tens
// of gigabytes over a few weeks, until a full disk failed a CI run.
import { chmodSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

interface RunScratch {
  dir: string
  previousTmpdir: string | undefined
  users: number
}

// On globalThis, not in this module: Vitest loads a global setup once per project, each time as a
// new module instance, and all of them must share one directory that outlives every teardown
// before it (a project's PostgreSQL cluster lives in it until that project's teardown stops it).
const KEY = Symbol.for('calllens.runScratch')
const shared = globalThis as { [KEY]?: RunScratch }

/**
 * Makes `calllens-<name>-run-XXXXXX` under the current temp directory and points TMPDIR (read by
 * `os.tmpdir()` on every call, and inherited by worker and child processes started after this)
 * at it; a second call in the same process joins the first. Returns the function that leaves
 * it: the last one out removes the directory and puts TMPDIR back.
 */
export function useRunScratchDir(name: string): () => void {
  let scratch = shared[KEY]
  if (!scratch) {
    const dir = mkdtempSync(join(tmpdir(), `calllens-${name}-run-`))
    // The PostgreSQL test clusters run as the postgres user, which must reach its directory inside.
    chmodSync(dir, 0o755)
    scratch = shared[KEY] = { dir, previousTmpdir: process.env.TMPDIR, users: 0 }
    process.env.TMPDIR = dir
  }
  scratch.users += 1
  let left = false
  return () => {
    if (left) return
    left = true
    if (--scratch.users > 0) return
    delete shared[KEY]
    if (scratch.previousTmpdir === undefined) delete process.env.TMPDIR
    else process.env.TMPDIR = scratch.previousTmpdir
    rmSync(scratch.dir, { recursive: true, force: true })
  }
}

/** For a script (a benchmark, a probe): the directory lasts until the process exits, Ctrl-C included. */
export function useRunScratchDirUntilExit(name: string): void {
  process.once('exit', useRunScratchDir(name))
  process.once('SIGINT', () => process.exit(130))
}
