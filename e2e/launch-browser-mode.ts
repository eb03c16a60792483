// Browser mode for e2e: the real host process (`node out/main/host.js`) and Debian's Chromium.
import { chromium, type Browser, type Page } from '@playwright/test'
import { spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { createInterface } from 'node:readline'
import { HOST_ENTRY, REPO_ROOT } from './paths'

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

export interface RunningHostProcess {
  child: ChildProcess
  url: string
  origin: string
  token: string
  /** Everything the host printed (stdout after its first line, and stderr), for specs that audit it. */
  output: string[]
  stop(): Promise<number | null>
}

export async function startHostProcess(dataDir: string): Promise<RunningHostProcess> {
  const child = spawn(process.execPath, [HOST_ENTRY, '--port', '0', '--data-dir', dataDir], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const output: string[] = []
  // Still shown as before; also kept for specs that audit what the host logs.
  child.stderr!.on('data', (chunk: Buffer) => {
    output.push(chunk.toString('utf8'))
    process.stderr.write(chunk)
  })
  const lines = createInterface({ input: child.stdout! })
  const firstLine = await new Promise<string>((resolve, reject) => {
    lines.once('line', resolve)
    child.once('exit', (code) => reject(new Error(`host exited (${code}) before printing its URL`)))
  })
  const match = /^CallLens: (http:\/\/127\.0\.0\.1:\d+)\/#token=([A-Za-z0-9_-]+)$/.exec(firstLine)
  if (!match) throw new Error(`unexpected host line: ${firstLine}`)
  lines.on('line', (line) => output.push(`${line}\n`))
  return {
    child,
    url: `${match[1]}/#token=${match[2]}`,
    origin: match[1]!,
    token: match[2]!,
    output,
    async stop() {
      if (child.exitCode !== null) return child.exitCode
      const exited = once(child, 'exit')
      child.kill('SIGTERM')
      const [code] = (await exited) as [number | null]
      return code
    },
  }
}

/** Debian's Chromium as the e2e suite and the benchmarks run it (no network chatter, audio allowed). */
export function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--autoplay-policy=no-user-gesture-required',
      ...extraArgs,
    ],
  })
}

export async function openPage(browser: Browser, url: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1360, height: 860 } })
  const page = await context.newPage()
  await page.goto(url)
  return page
}
