// The address of a moment of a call: a calllens:// link in the app, the host page's own address in browser mode.
import { callLinkPath, callLinkUrl, type CallLink } from '@shared/call-link-path'

export function momentLink(link: CallLink, where: { electron: boolean; pageUrl: string }): string {
  if (where.electron) return callLinkUrl(link)
  const page = new URL(where.pageUrl)
  return `${page.origin}${page.pathname}#${callLinkPath(link)}`
}
