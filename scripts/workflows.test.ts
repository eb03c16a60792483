// The GitHub Actions workflows cannot run on these machines; this reads them as GitHub would
// (YAML) and checks what they promise: which events start them, on which runners, that the suite
// runs under Xvfb on Linux before any installer is built, and that every npm command they call is
// a script in package.json.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'

const ROOT = join(import.meta.dirname, '..')

interface Step {
  name?: string
  uses?: string
  run?: string
  if?: string
  env?: Record<string, string>
}
interface Job {
  'runs-on': string
  strategy?: { matrix: { os: string[] } }
  steps: Step[]
}
interface Workflow {
  name: string
  on: Record<string, unknown>
  permissions: Record<string, string>
  jobs: Record<string, Job>
}

const workflow = (name: string) => parse(readFileSync(join(ROOT, '.github', 'workflows', name), 'utf8')) as Workflow
const scripts = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> })
  .scripts

/** The npm scripts a command line runs: `npm test`, `npm run X` (npm ci and npx are not scripts). */
function npmScripts(run: string): string[] {
  return [...run.matchAll(/\bnpm (?:run(?:-script)? ([\w:.-]+)|(test|start)\b)/g)].map((m) => m[1] ?? m[2]!)
}

const steps = (w: Workflow) => Object.values(w.jobs).flatMap((job) => job.steps)

describe('ci.yml', () => {
  const ci = workflow('ci.yml')

  it('runs on every push and pull request, on an Ubuntu runner, with read-only access', () => {
    expect(Object.keys(ci.on).sort()).toEqual(['pull_request', 'push'])
    expect(ci.permissions).toEqual({ contents: 'read' })
    expect(Object.values(ci.jobs).map((job) => job['runs-on'])).toEqual(['ubuntu-latest'])
  })

  it('installs from the lock file and runs npm test under Xvfb (the e2e suite in real Electron)', () => {
    const runs = steps(ci).flatMap((step) => (step.run ? [step.run] : []))
    expect(runs).toContain('npm ci')
    expect(runs).toContain('xvfb-run --auto-servernum npm test')
    expect(runs.indexOf('npm ci')).toBeLessThan(runs.indexOf('xvfb-run --auto-servernum npm test'))
  })
})

describe('release.yml', () => {
  const release = workflow('release.yml')
  const job = release.jobs['release']!

  it('runs on a version tag, on Ubuntu, Windows and macOS runners, and may write the release', () => {
    expect(release.on).toEqual({ push: { tags: ['v*'] } })
    expect(release.permissions).toEqual({ contents: 'write' })
    expect(job.strategy!.matrix.os).toEqual(['ubuntu-latest', 'windows-latest', 'macos-latest'])
    expect(job['runs-on']).toBe('${{ matrix.os }}')
  })

  it('tests first (under Xvfb on Linux), then builds and publishes the installers to a draft release', () => {
    const names = job.steps.map((step) => step.run ?? step.uses)
    const linuxTest = job.steps.find((step) => step.run === 'xvfb-run --auto-servernum npm test')!
    const otherTest = job.steps.find((step) => step.run === 'npm test')!
    const dist = job.steps.find((step) => step.run?.startsWith('npm run dist'))!
    expect(linuxTest.if).toBe("runner.os == 'Linux'")
    expect(otherTest.if).toBe("runner.os != 'Linux'")
    expect(dist.run).toBe('npm run dist -- --publish always')
    expect(dist.if).toBeUndefined()
    expect(dist.env!['GH_TOKEN']).toBe('${{ secrets.GITHUB_TOKEN }}')
    expect(names.indexOf(dist.run)).toBeGreaterThan(names.indexOf(linuxTest.run))
    expect(names.indexOf(dist.run)).toBeGreaterThan(names.indexOf(otherTest.run))
    // The draft release itself is electron-builder's publish setting.
    expect(readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8')).toMatch(/provider: github\n\s+releaseType: draft/)
  })
})

describe('both workflows', () => {
  it('call only npm scripts that package.json has', () => {
    const called = ['ci.yml', 'release.yml'].flatMap((name) =>
      steps(workflow(name)).flatMap((step) => (step.run ? npmScripts(step.run) : [])),
    )
    expect(called).toEqual(expect.arrayContaining(['test', 'dist']))
    for (const script of called) expect(scripts, `npm run ${script}`).toHaveProperty([script])
  })

  it('use actions pinned to a major version', () => {
    for (const name of ['ci.yml', 'release.yml']) {
      for (const step of steps(workflow(name)).filter((s) => s.uses))
        expect(step.uses, name).toMatch(/^[\w-]+\/[\w-]+@v\d+$/)
    }
  })

  it('the script check sees a script that is not there', () => {
    expect(npmScripts('npm ci && npm run no-such-script && npm test')).toEqual(['no-such-script', 'test'])
    expect(scripts).not.toHaveProperty(['no-such-script'])
  })
})
