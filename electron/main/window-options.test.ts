import { describe, expect, it, vi } from 'vitest'
import { CONTENT_SECURITY_POLICY } from '../shared/csp'
import { createAppUrlCheck } from './app-url'
import { hardenContents, hardenSession, type HardenableContents, type HardenableSession } from './hardening'
import { isTrustedSender } from './ipc'
import { createWindowOptions } from './window-options'

describe('the window', () => {
  it('is isolated, sandboxed, without node and with web security', () => {
    const prefs = createWindowOptions('/app/out/preload/index.cjs').webPreferences
    expect(prefs).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    })
  })
})

describe('the content security policy', () => {
  it('allows scripts only from the app itself: no eval, no inline, no remote origin', () => {
    const directives = Object.fromEntries(CONTENT_SECURITY_POLICY.split('; ').map((d) => [d.split(' ')[0], d]))
    expect(directives['script-src']).toBe("script-src 'self'")
    expect(directives['default-src']).toBe("default-src 'self'")
    expect(directives['object-src']).toBe("object-src 'none'")
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|https?:|\*/)
  })
})

describe('hardening', () => {
  const isAppUrl = createAppUrlCheck('/app/out/renderer/index.html', undefined)

  it('recognises only the app page as the app', () => {
    expect(isAppUrl('file:///app/out/renderer/index.html')).toBe(true)
    expect(isAppUrl('file:///app/out/renderer/index.html#/calls')).toBe(true)
    expect(isAppUrl('file:///etc/passwd')).toBe(false)
    expect(isAppUrl('https://example.com/')).toBe(false)
    const dev = createAppUrlCheck('/app/out/renderer/index.html', 'http://localhost:5173')
    expect(dev('http://localhost:5173/#/tasks')).toBe(true)
    expect(dev('http://localhost:5174/')).toBe(false)
  })

  it('blocks navigation away, redirects, webviews and new windows', () => {
    const listeners = new Map<string, (event: { preventDefault(): void }, url?: string) => void>()
    let openHandler: (() => { action: string }) | undefined
    const contents = {
      on: (name: string, listener: never) => listeners.set(name, listener),
      setWindowOpenHandler: (handler: never) => (openHandler = handler),
    } as unknown as HardenableContents
    hardenContents(contents, isAppUrl)

    for (const name of ['will-navigate', 'will-redirect']) {
      const away = { preventDefault: vi.fn() }
      listeners.get(name)!(away, 'https://evil.example/')
      expect(away.preventDefault).toHaveBeenCalled()
      const home = { preventDefault: vi.fn() }
      listeners.get(name)!(home, 'file:///app/out/renderer/index.html#/tasks')
      expect(home.preventDefault).not.toHaveBeenCalled()
    }
    const webview = { preventDefault: vi.fn() }
    listeners.get('will-attach-webview')!(webview)
    expect(webview.preventDefault).toHaveBeenCalled()
    expect(openHandler?.()).toEqual({ action: 'deny' })
  })

  it('denies every permission and sends the CSP header', () => {
    let requestHandler: ((wc: unknown, permission: string, cb: (granted: boolean) => void) => void) | undefined
    let checkHandler: (() => boolean) | undefined
    let headersListener:
      ((details: unknown, cb: (r: { responseHeaders?: Record<string, string[]> }) => void) => void) | undefined
    const session = {
      setPermissionRequestHandler: (h: never) => (requestHandler = h),
      setPermissionCheckHandler: (h: never) => (checkHandler = h),
      webRequest: { onHeadersReceived: (l: never) => (headersListener = l) },
    } as unknown as HardenableSession
    hardenSession(session)

    for (const permission of ['media', 'geolocation', 'notifications', 'openExternal']) {
      const callback = vi.fn()
      requestHandler!({}, permission, callback)
      expect(callback).toHaveBeenCalledWith(false)
    }
    expect(checkHandler!()).toBe(false)
    const respond = vi.fn()
    headersListener!({ responseHeaders: { 'X-Other': ['1'] } }, respond)
    expect(respond.mock.calls[0]![0].responseHeaders['Content-Security-Policy'][0]).toContain(CONTENT_SECURITY_POLICY)
    expect(respond.mock.calls[0]![0].responseHeaders['X-Other']).toEqual(['1'])
  })

  it('trusts IPC only from the top frame of the app page', () => {
    const event = (url: string, parent: unknown = null) => ({ senderFrame: { url, parent } }) as never
    expect(isTrustedSender(event('file:///app/out/renderer/index.html'), isAppUrl)).toBe(true)
    expect(isTrustedSender(event('file:///app/out/renderer/index.html', {}), isAppUrl)).toBe(false)
    expect(isTrustedSender(event('https://evil.example/'), isAppUrl)).toBe(false)
    expect(isTrustedSender({ senderFrame: null } as never, isAppUrl)).toBe(false)
  })
})
