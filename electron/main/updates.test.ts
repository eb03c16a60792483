// The update controller driving the real electron-updater through its API against a feed served
// over local HTTP, with `electron` replaced by a stand-in (its `net` is Node's http): no update,
// an update found and downloaded (then left for the quit), a download that fails, a feed that
// cannot be reached. The updater is electron-updater's AppImage one on every platform: the platform
// installers differ only in how they install, which happens at quit and is not exercised here.
import { createHash } from 'node:crypto'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { UpdateStatus } from '../shared/contract'
import { createElectronStandIn, installElectronStandIn, type ElectronStandIn } from '../test-support/electron-stand-in'
import { UpdateController } from './updates'

const INSTALLED_VERSION = '0.1.0'
const INSTALLER = Buffer.from('#!/bin/sh\necho CallLens 0.2.0 AppImage\n'.repeat(2000))
const sha512 = (data: Buffer) => createHash('sha512').update(data).digest('base64')

function latestYml(version: string, file: string, hash: string, size: number): string {
  return [
    `version: ${version}`,
    'files:',
    `  - url: ${file}`,
    `    sha512: ${hash}`,
    `    size: ${size}`,
    `path: ${file}`,
    `sha512: ${hash}`,
    `releaseDate: '2026-12-01T00:00:00.000Z'`,
    '',
  ].join('\n')
}

let server: Server
let origin = ''
let closedOrigin = ''
let electron: ElectronStandIn
let uninstall: () => void
const envBefore = { ...process.env }
const requests: string[] = []

beforeAll(async () => {
  const root = mkdtempSync(join(tmpdir(), 'calllens-updates-'))
  // The running AppImage, as its runtime tells every AppImage app.
  process.env.APPIMAGE = join(root, 'CallLens-0.1.0.AppImage')
  writeFileSync(process.env.APPIMAGE, 'installed')
  // A checkout run reads the updater's cache directory name from dev-app-update.yml.
  writeFileSync(
    join(root, 'dev-app-update.yml'),
    'provider: generic\nurl: http://127.0.0.1:9/\nupdaterCacheDirName: calllens-updater\n',
  )
  electron = createElectronStandIn({ version: INSTALLED_VERSION, appPath: root, userData: root })
  uninstall = installElectronStandIn(electron)

  server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://x').pathname
    requests.push(path)
    // The feed holds latest.yml, latest-linux.yml or latest-mac.yml, as the platform asks.
    const [, feed, file] = path.split('/')
    if (file?.startsWith('latest') && file.endsWith('.yml')) {
      if (feed === 'current')
        return response.end(
          latestYml(INSTALLED_VERSION, 'CallLens-0.1.0.AppImage', sha512(INSTALLER), INSTALLER.length),
        )
      if (feed === 'newer' || feed === 'broken') {
        return response.end(latestYml('0.2.0', 'CallLens-0.2.0.AppImage', sha512(INSTALLER), INSTALLER.length))
      }
    }
    if (feed === 'newer' && file === 'CallLens-0.2.0.AppImage') return response.end(INSTALLER)
    response.writeHead(feed === 'broken' ? 500 : 404).end()
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  // A port nothing listens on: opened, then closed.
  const closed = createServer()
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve))
  closedOrigin = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`
  await new Promise((resolve) => closed.close(resolve))
})

afterAll(async () => {
  uninstall()
  process.env = envBefore
  await new Promise((resolve) => server.close(resolve))
})

/** A fresh electron-updater and controller on a feed, as the installed app builds them. */
async function controllerOn(feedUrl: string) {
  // Each its own download cache: an earlier test's finished download would be taken from there.
  const cache = mkdtempSync(join(tmpdir(), 'calllens-updates-cache-'))
  process.env.XDG_CACHE_HOME = cache
  process.env.LOCALAPPDATA = cache
  process.env.HOME = cache
  const { AppImageUpdater } = await import('electron-updater')
  const updater = new AppImageUpdater()
  updater.logger = null
  // Stands in for app.isPackaged (the stand-in runs as a checkout).
  updater.forceDevUpdateConfig = true
  // No earlier AppImage on this machine to diff against: download whole files.
  updater.disableDifferentialDownload = true
  const published: UpdateStatus[] = []
  let feed = feedUrl
  const controller = new UpdateController(updater, {
    feedUrl: () => feed,
    installed: true,
    publish: (status) => published.push(status),
  })
  return { updater, controller, published, setFeed: (next: string) => (feed = next) }
}

describe('updates from a generic feed', () => {
  it('are off until a feed URL is set, and never asked for then', async () => {
    const before = requests.length
    const { controller, setFeed } = await controllerOn('')
    expect(controller.status()).toEqual({ state: 'off' })
    expect(await controller.check()).toEqual({ state: 'off' })
    expect(requests.length).toBe(before)
    setFeed(`${origin}/current`)
    expect(controller.status()).toEqual({ state: 'idle' })
  })

  it('says up to date when the feed holds the installed version', async () => {
    const { controller, published } = await controllerOn(`${origin}/current`)
    const status = await controller.check()
    expect(status).toMatchObject({ state: 'up-to-date' })
    expect(published.map((s) => s.state)).toEqual(['checking', 'up-to-date'])
    expect(requests.at(-1)).toMatch(/^\/current\/latest(-linux|-mac)?\.yml$/)
  })

  it('downloads a newer version in the background and keeps it for the quit, without quitting', async () => {
    const { controller, published, updater } = await controllerOn(`${origin}/newer`)
    expect(await controller.check()).toEqual({ state: 'downloading', version: '0.2.0', percent: 0 })
    await vi.waitFor(() => expect(controller.status()).toEqual({ state: 'ready', version: '0.2.0' }), {
      timeout: 10_000,
    })
    expect(published[0]).toEqual({ state: 'checking' })
    expect(published.at(-1)).toEqual({ state: 'ready', version: '0.2.0' })
    expect(requests).toContain('/newer/CallLens-0.2.0.AppImage')
    // Installed when CallLens quits (electron-updater's quit handler), never by us while it runs.
    expect(updater.autoInstallOnAppQuit).toBe(true)
    expect(electron.seen.appListeners.get('quit')?.length).toBeGreaterThan(0)
    expect(electron.seen.quits).toBe(0)
    expect(electron.seen.relaunches).toBe(0)
    // A second look while one is ready does not start another download.
    const asked = requests.length
    expect(await controller.check()).toEqual({ state: 'ready', version: '0.2.0' })
    expect(requests.length).toBe(asked)
  })

  it('reports a download that fails, and keeps the installed version running', async () => {
    const { controller } = await controllerOn(`${origin}/broken`)
    await controller.check()
    await vi.waitFor(() => expect(controller.status()).toMatchObject({ state: 'error', code: 'download_failed' }), {
      timeout: 10_000,
    })
    expect(requests).toContain('/broken/CallLens-0.2.0.AppImage')
    expect(electron.seen.quits).toBe(0)
  })

  it('reports a feed it cannot reach', async () => {
    const { controller } = await controllerOn(`${closedOrigin}/feed`)
    const status = await controller.check()
    expect(status).toMatchObject({ state: 'error', code: 'feed_unreachable' })
    expect((status as { message: string }).message).toMatch(/ECONNREFUSED|connect/i)
  })

  it('reports a feed with no latest.yml as unreachable too', async () => {
    const { controller } = await controllerOn(`${origin}/nothing-here`)
    expect(await controller.check()).toMatchObject({ state: 'error', code: 'feed_unreachable' })
  })

  it('follows the feed setting: cleared turns updates off, a new address is looked at at once', async () => {
    const { controller, setFeed } = await controllerOn(`${origin}/current`)
    expect(await controller.check()).toMatchObject({ state: 'up-to-date' })
    setFeed('')
    controller.feedChanged()
    expect(controller.status()).toEqual({ state: 'off' })
    setFeed(`${origin}/newer`)
    controller.feedChanged()
    await vi.waitFor(() => expect(controller.status()).toEqual({ state: 'ready', version: '0.2.0' }), {
      timeout: 10_000,
    })
  })

  it('says unsupported where the app is not an installed build', async () => {
    const { AppImageUpdater } = await import('electron-updater')
    const controller = new UpdateController(new AppImageUpdater(), {
      feedUrl: () => `${origin}/newer`,
      installed: false,
      publish: () => {},
    })
    const before = requests.length
    expect(await controller.check()).toEqual({ state: 'unsupported' })
    expect(requests.length).toBe(before)
  })
})
