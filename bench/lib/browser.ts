// Browser mode for the benchmarks: the built host (`node out/main/host.js`) on a data
// directory, and Debian's Chromium through Playwright, launched as the e2e fixture does.
import type { Browser, Page } from '@playwright/test'
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { launchChromium as launchE2eChromium } from '../../e2e/launch-browser-mode'
import { REPO_ROOT } from './profile-data-dir'

/** The built browser-mode host. */
export const HOST_ENTRY = join(REPO_ROOT, 'out/main/host.js')

/** The benchmarks time the built app: build it first when sources are newer (as test:e2e does). */
export function buildIfNeeded(): void {
  const result = spawnSync(process.execPath, [join(REPO_ROOT, 'scripts/build-if-needed.mjs')], { stdio: 'inherit' })
  if (result.status !== 0) throw new Error('the build failed')
}

export interface HostProcess {
  child: ChildProcess
  origin: string
  url: string
  token: string
  /** performance.now() just before the spawn. */
  spawnedAt: number
  rssMB(): number
  invoke<T>(channel: string, input?: unknown): Promise<T>
  stop(): Promise<void>
}

export function rssMB(pid: number | undefined, field: 'VmRSS' | 'VmHWM' = 'VmRSS'): number {
  try {
    const kb = new RegExp(`${field}:\\s+(\\d+)`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]
    return Number(kb) / 1024
  } catch {
    return Number.NaN
  }
}

/** The process's peak RSS so far (VmHWM). */
export const peakRssMB = (pid: number | undefined) => rssMB(pid, 'VmHWM')

export async function startHost(dataDir: string): Promise<HostProcess> {
  const spawnedAt = performance.now()
  const child = spawn(process.execPath, [HOST_ENTRY, '--port', '0', '--data-dir', dataDir], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', resolve)
    child.once('exit', (code) => reject(new Error(`host exited (${code}) before printing its URL`)))
  })
  const match = /^CallLens: (http:\/\/127\.0\.0\.1:\d+)\/#token=([A-Za-z0-9_-]+)$/.exec(line)
  if (!match) throw new Error(`unexpected host line: ${line}`)
  const [, origin, token] = match as unknown as [string, string, string]
  return {
    child,
    origin,
    token,
    url: `${origin}/#token=${token}`,
    spawnedAt,
    rssMB: () => rssMB(child.pid),
    async invoke<T>(channel: string, input: unknown = {}): Promise<T> {
      const response = await fetch(`${origin}/api/invoke`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ channel, input }),
      })
      const body = (await response.json()) as { ok: true; value: T } | { ok: false; error: unknown }
      if (!body.ok) throw new Error(`${channel}: ${JSON.stringify(body.error)}`)
      return body.value
    },
    async stop() {
      if (child.exitCode !== null) return
      const exited = once(child, 'exit')
      child.kill('SIGTERM')
      await exited
    },
  }
}

export function launchChromium(): Promise<Browser> {
  // performance.memory with real (unbucketed) numbers.
  return launchE2eChromium(['--enable-precise-memory-info'])
}

let browser: Promise<Browser> | null = null

/** One Chromium per run; each benchmark opens its own context. */
export function sharedBrowser(): Promise<Browser> {
  browser ??= launchChromium()
  return browser
}

export async function closeSharedBrowser(): Promise<void> {
  const running = await browser?.catch(() => null)
  browser = null
  await running?.close()
}

export async function newPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1360, height: 860 } })
  return context.newPage()
}

/** JS heap in use after a full GC, MB (CDP: what the renderer really keeps). */
export async function heapUsedMB(page: Page): Promise<number> {
  const session = await page.context().newCDPSession(page)
  await session.send('HeapProfiler.collectGarbage')
  const { usedSize } = (await session.send('Runtime.getHeapUsage')) as { usedSize: number }
  await session.detach()
  return usedSize / 2 ** 20
}
