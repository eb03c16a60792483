// The `calllens-media:` protocol: streams a cached recording to the player with
// Range support (net.fetch on file:// ignores Range, so seeking would jump to 0).
import type { Protocol } from 'electron'
import { Readable } from 'node:stream'
import {
  parseMediaPath,
  replyWithRecording,
  type MediaSource,
  type RecordingKind,
} from '../services/media/media-source'

export const MEDIA_SCHEME = 'calllens-media'

export const mediaSchemePrivileges = {
  scheme: MEDIA_SCHEME,
  privileges: { standard: true, secure: true, stream: true, supportFetchAPI: true },
}

export const electronMediaUrl = (callInstanceId: number, kind: RecordingKind) =>
  `${MEDIA_SCHEME}://recording/${callInstanceId}/${kind}`

export function registerMediaProtocol(protocol: Protocol, media: MediaSource): void {
  protocol.handle(MEDIA_SCHEME, (request) => {
    const url = new URL(request.url)
    const target = url.hostname === 'recording' ? parseMediaPath(url.pathname) : null
    const reply = replyWithRecording(
      target ? media.recordingFile(target.callInstanceId, target.kind) : null,
      request.headers.get('range'),
    )
    const body = reply.body ? (Readable.toWeb(reply.body) as ReadableStream) : null
    return new Response(body, { status: reply.status, headers: reply.headers })
  })
}
