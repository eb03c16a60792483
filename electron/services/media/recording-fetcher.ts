// Fetches one recording into the profile's recordings directory and digests it
// (size, sha256, peaks; in a worker thread, recording-jobs.ts), ready to be stored with its
// call in one transaction. A recording
// that cannot be had for good throws RecordingUnavailable (recording-unavailable.ts).
import { join } from 'node:path'
import type { CachedRecording } from '../sync/sync-ports'
import type { OpenRecording, SavedRecording } from './recording-answer'
import { NotAudioError } from './recording-digest'
import { classifyFetchError, fetchableUrl, RecordingUnavailable } from './recording-unavailable'

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

/** Read and digested where it arrived (a worker thread); only a decoding failure makes the recording unavailable. */
async function save(answer: OpenRecording, destination: string, where: string): Promise<SavedRecording> {
  try {
    return await answer.body.save(destination)
  } catch (error) {
    if (!(error instanceof NotAudioError)) throw error
    throw new RecordingUnavailable(
      'not_audio',
      `The file at ${where} is not a WAV or MP3 recording (${error.message}).`,
    )
  }
}

export async function fetchRecording(
  open: (url: string, signal?: AbortSignal) => Promise<OpenRecording>,
  profileDir: string,
  callInstanceId: number,
  kind: CachedRecording['kind'],
  url: string,
  signal?: AbortSignal,
): Promise<CachedRecording> {
  const target = fetchableUrl(url)
  // Host and path only: signed storage URLs carry access tokens in the query.
  const where = `${target.host}${target.pathname}`
  let answer: OpenRecording
  try {
    answer = await open(url, signal)
  } catch (error) {
    throw classifyFetchError(error, where)
  }
  const path = recordingRelativePath(callInstanceId, kind, extensionOf(url, answer.contentType))
  // Decoded before it is written: a body that is not audio never lands in the recordings directory.
  const { bytes, sha256, peaks, durationMs, sampleRate } = await save(answer, join(profileDir, path), where)
  return { kind, path, bytes, sha256, peaks, durationMs, sampleRate }
}
