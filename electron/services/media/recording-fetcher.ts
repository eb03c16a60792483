// Fetches one recording into the profile's recordings directory and digests it
// (size, sha256, peaks), ready to be stored with its call in one transaction.
import { join } from 'node:path'
import type { CachedRecording } from '../sync/sync-ports'
import { decodeAudio } from './decode-audio'
import { downloadToFile } from './download'
import { computePeaks } from './peaks'

export const RECORDINGS_DIR = 'recordings'

function extensionOf(url: string, contentType: string | null): string {
  const path = (() => {
    try {
      return new URL(url).pathname.toLowerCase()
    } catch {
      return ''
    }
  })()
  if (path.endsWith('.wav') || contentType?.includes('wav')) return 'wav'
  return 'mp3'
}

/** Relative path of a call's recording inside the profile directory; ids only, never names from the API. */
export function recordingRelativePath(
  callInstanceId: number,
  kind: CachedRecording['kind'],
  extension: string,
): string {
  return join(RECORDINGS_DIR, `${callInstanceId}${kind === 'customer' ? '_customer' : ''}.${extension}`)
}

export async function fetchRecording(
  fetchResponse: (url: string, signal?: AbortSignal) => Promise<Response>,
  profileDir: string,
  callInstanceId: number,
  kind: CachedRecording['kind'],
  url: string,
  signal?: AbortSignal,
): Promise<CachedRecording> {
  const response = await fetchResponse(url, signal)
  if (!response.ok || !response.body) throw new Error(`recording download failed: HTTP ${response.status}`)
  const path = recordingRelativePath(callInstanceId, kind, extensionOf(url, response.headers.get('content-type')))
  const absolute = join(profileDir, path)
  const { bytes, sha256, content } = await downloadToFile(response.body, absolute, signal)
  const { peaks, durationMs, sampleRate } = computePeaks(await decodeAudio(content))
  return { kind, path, bytes, sha256, peaks, durationMs, sampleRate }
}
