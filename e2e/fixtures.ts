// The `app` fixture: the real CallLens, as an Electron app through Playwright's
// `_electron` where a binary exists, else in browser mode (host process + Chromium).
// Specs are the same for both; they talk to the app only through its page.
import { test as base, expect, _electron, type Browser, type ElectronApplication, type Page } from '@playwright/test'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { launchChromium, openPage, startHostProcess, type RunningHostProcess } from './launch-browser-mode'
import { electronBinary, REPO_ROOT } from './paths'

export type AppMode = 'electron' | 'browser'

export interface CallLensApp {
  mode: AppMode
  dataDir: string
  page: Page
  /** Browser mode only: the host's origin and token. */
  host: RunningHostProcess | null
  /** Quits the app (host or Electron) cleanly and starts it again on the same data directory. */
  restart(): Promise<Page>
  /**
   * Kills the page's renderer process, as a crash does, and opens CallLens again at the route it
   * showed (browser mode: a new tab of the same browser; Electron: the window reloaded by main).
   */
  crashRenderer(): Promise<Page>
  /** Calls a channel the way the renderer's transport does, from inside the page. */
  invokeRaw(channel: string, input: unknown): Promise<unknown>
  /** Problems the page reported: uncaught errors and CSP violations. */
  problems: string[]
}

function watchPage(page: Page, problems: string[]): void {
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`))
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) {
      problems.push(`csp: ${message.text()}`)
    }
  })
}

async function waitReady(page: Page): Promise<Page> {
  await expect(page.locator('[data-ready="true"]')).toBeVisible()
  return page
}

async function launchElectron(binary: string, dataDir: string): Promise<{ electron: ElectronApplication; page: Page }> {
  const electron = await _electron.launch({
    executablePath: binary,
    args: [REPO_ROOT, '--data-dir', dataDir, ...(process.env.CI ? ['--no-sandbox'] : [])],
    env: { ...process.env, CALLLENS_ALLOW_SECOND_INSTANCE: '1' },
  })
  return { electron, page: await electron.firstWindow() }
}

export const test = base.extend<{ app: CallLensApp }, { chromiumBrowser: Browser | null }>({
  chromiumBrowser: [
    async ({}, use) => {
      const browser = electronBinary() ? null : await launchChromium()
      await use(browser)
      await browser?.close()
    },
    { scope: 'worker' },
  ],

  app: async ({ chromiumBrowser }, use) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'calllens-e2e-'))
    const binary = electronBinary()
    const problems: string[] = []
    let electron: ElectronApplication | null = null
    let host: RunningHostProcess | null = null

    async function start(): Promise<Page> {
      let page: Page
      if (binary) {
        ;({ electron, page } = await launchElectron(binary, dataDir))
      } else {
        host = await startHostProcess(dataDir)
        page = await openPage(chromiumBrowser!, host.url)
      }
      watchPage(page, problems)
      return waitReady(page)
    }

    async function stop(): Promise<void> {
      if (electron) {
        await electron.close()
        electron = null
      }
      if (host) {
        await app.page.context().close()
        const code = await host.stop()
        expect(code, 'the host exits cleanly on SIGTERM').toBe(0)
        host = null
      }
    }

    const app: CallLensApp = {
      mode: binary ? 'electron' : 'browser',
      dataDir,
      page: await start(),
      get host() {
        return host
      },
      problems,
      async restart() {
        await stop()
        app.page = await start()
        return app.page
      },
      async crashRenderer() {
        const crashed = app.page
        const route = new URL(crashed.url()).hash
        const died = crashed.waitForEvent('crash')
        if (electron) {
          await electron.evaluate(({ BrowserWindow }) =>
            BrowserWindow.getAllWindows()[0]?.webContents.forcefullyCrashRenderer(),
          )
          await died
          const reloaded = electron.waitForEvent('window')
          await electron.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.webContents.reload())
          app.page = await reloaded
        } else {
          const cdp = await crashed.context().newCDPSession(crashed)
          // Never answered: the process that would answer it is gone.
          void cdp.send('Page.crash').catch(() => undefined)
          await died
          // A crashed page cannot be navigated again; a new tab with the launch URL can.
          app.page = await crashed.context().newPage()
          await app.page.goto(host!.url)
          await crashed.close()
          await waitReady(app.page)
          await app.page.goto(`${host!.origin}/${route}`)
        }
        watchPage(app.page, problems)
        return waitReady(app.page)
      },
      invokeRaw(channel, input) {
        return app.page.evaluate(
          async ({ channel, input }) => {
            if (window.calllens) return window.calllens.invoke(channel, input)
            const token = sessionStorage.getItem('calllens.token') ?? ''
            const response = await fetch('/api/invoke', {
              method: 'POST',
              headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
              body: JSON.stringify({ channel, input }),
            })
            return response.json()
          },
          { channel, input },
        )
      },
    }

    await use(app)
    await stop()
    rmSync(dataDir, { recursive: true, force: true })
    expect(problems, 'the page reported no errors and no CSP violations').toEqual([])
  },
})

export { expect }
