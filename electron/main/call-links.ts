// `calllens://call/ID?t=SECONDS` links: CallLens registers itself for the scheme, keeps one instance,
// and hands a link opened anywhere (a second launch's arguments on Windows and Linux, `open-url` on
// macOS) to the running window, which routes to the call. Typed on the few members it touches so
// it is testable without an Electron binary.
import { CALL_LINK_SCHEME, callLinkInArgs, parseCallLink, type CallLink } from '../shared/call-link'
import { IPC_EVENT, type AppEvent } from '../shared/contract'

export interface LinkApp {
  setAsDefaultProtocolClient(protocol: string, path?: string, args?: string[]): boolean
  on(event: 'second-instance', listener: (event: unknown, argv: string[]) => void): unknown
  on(event: 'open-url', listener: (event: { preventDefault(): void }, url: string) => void): unknown
}

export interface LinkWindow {
  isMinimized(): boolean
  restore(): void
  focus(): void
  webContents: { send(channel: string, message: AppEvent): void }
}

export interface CallLinks {
  /** A link the app was started with (or given before its window existed), to load the window at; then forgotten. */
  takePending(): CallLink | null
}

export function registerCallLinks(
  app: LinkApp,
  options: {
    /** The window to hand links to, or null while there is none. */
    window: () => LinkWindow | null
    argv: readonly string[]
    /** `process.defaultApp`: started as `electron path/to/app`, so the OS must be told the script too. */
    defaultApp: boolean
    /** Claim the scheme in the OS; off for test runs, which must not change the desktop's link handler. */
    register: boolean
  },
): CallLinks {
  let pending = callLinkInArgs(options.argv)

  // Links given to a test instance are still opened; it just does not claim the scheme.
  if (options.register && options.defaultApp && options.argv[1]) {
    app.setAsDefaultProtocolClient(CALL_LINK_SCHEME, options.argv[0], [options.argv[1]])
  } else if (options.register) {
    app.setAsDefaultProtocolClient(CALL_LINK_SCHEME)
  }

  function open(link: CallLink | null): void {
    const window = options.window()
    if (!window) {
      // Before the window exists: it loads at the link.
      if (link) pending = link
      return
    }
    if (window.isMinimized()) window.restore()
    window.focus()
    if (link) window.webContents.send(IPC_EVENT, { name: 'app.openCall', payload: link })
  }

  // Another launch (a link clicked in a browser or chat): it quits; its link comes here.
  app.on('second-instance', (_event, argv) => open(callLinkInArgs(argv)))
  // macOS hands links to the running app instead.
  app.on('open-url', (event, url) => {
    event.preventDefault()
    open(parseCallLink(url))
  })

  return {
    takePending() {
      const link = pending
      pending = null
      return link
    },
  }
}
