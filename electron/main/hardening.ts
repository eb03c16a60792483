// Session- and window-level hardening: CSP header, no permissions, no navigation
// away, no new windows, no webviews. Typed on the few Electron members it touches
// so it can be exercised without an Electron binary.
import type { Event, HandlerDetails, OnHeadersReceivedListenerDetails, WebContents } from 'electron'
import { CONTENT_SECURITY_POLICY, CSP_HEADER_ONLY } from '../shared/csp'

export interface HardenableSession {
  setPermissionRequestHandler(
    handler: (wc: WebContents, permission: string, callback: (granted: boolean) => void) => void,
  ): void
  setPermissionCheckHandler(handler: () => boolean): void
  webRequest: {
    onHeadersReceived(
      listener: (
        details: OnHeadersReceivedListenerDetails,
        callback: (response: { responseHeaders?: Record<string, string[]> }) => void,
      ) => void,
    ): void
  }
}

export interface HardenableContents {
  on(event: 'will-navigate' | 'will-redirect', listener: (event: Event, url: string) => void): unknown
  on(event: 'will-attach-webview', listener: (event: Event) => void): unknown
  setWindowOpenHandler(handler: (details: HandlerDetails) => { action: 'deny' }): void
}

export function hardenSession(session: HardenableSession): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false))
  session.setPermissionCheckHandler(() => false)
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: {
        ...details.responseHeaders,
        'Content-Security-Policy': [CONTENT_SECURITY_POLICY + CSP_HEADER_ONLY],
      },
    })
  })
}

/** `isAppUrl` says which URLs are the app itself; the renderer is a single page, so nothing else may load. */
export function hardenContents(contents: HardenableContents, isAppUrl: (url: string) => boolean): void {
  const blockForeign = (event: Event, url: string): void => {
    if (!isAppUrl(url)) event.preventDefault()
  }
  contents.on('will-navigate', blockForeign)
  contents.on('will-redirect', blockForeign)
  contents.on('will-attach-webview', (event: Event) => event.preventDefault())
  contents.setWindowOpenHandler(() => ({ action: 'deny' }))
}
