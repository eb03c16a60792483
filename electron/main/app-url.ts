// Which URLs are the renderer: the built index.html (file://) or, in `npm run dev`, the dev server.
import { pathToFileURL } from 'node:url'

export function createAppUrlCheck(
  rendererIndexPath: string,
  devServerUrl: string | undefined,
): (url: string) => boolean {
  const fileUrl = pathToFileURL(rendererIndexPath).href
  const devOrigin = devServerUrl ? new URL(devServerUrl).origin : null
  return (url: string) => {
    if (url === fileUrl || url.startsWith(`${fileUrl}#`)) return true
    if (!devOrigin) return false
    try {
      return new URL(url).origin === devOrigin
    } catch {
      return false
    }
  }
}
