// Recordings of the held calls, fetched ahead for offline work: the same fetcher the BYRobot sync
// uses (fetched, digested and written — temp file then rename — in a peaks worker thread), from
// the catalogue's recording URLs. A recording storage refuses for good is marked unavailable (as
// sync does) and not retried at the same URL; any other failure is retried at the next pull.
import pLimit from 'p-limit'
import { AppFailure, type CallDetail } from '../../shared/contract'
import type { CallCache } from '../cache'
import { peaksPool } from '../media/peaks-pool'
import type { OpenRecording } from '../media/recording-answer'
import { fetchRecording } from '../media/recording-fetcher'
import { RecordingUnavailable } from '../media/recording-unavailable'
import type { CachedRecording } from '../sync/sync-ports'

export type FetchResponse = (url: string, signal?: AbortSignal) => Promise<OpenRecording>

/** A plain GET (in a peaks worker) with a time limit; a 404/410 comes back as the status sync classifies. */
export function plainRecordingFetch(timeoutMs = 30_000): FetchResponse {
  return async (url, signal) => {
    const timeout = AbortSignal.timeout(timeoutMs)
    const answer = await peaksPool().fetch(new URL(url), signal ? AbortSignal.any([timeout, signal]) : timeout)
    if (answer.ok) return answer
    const where = new URL(url).host
    throw new AppFailure(
      answer.status === 404 ? 'api_not_found' : 'api_server_error',
      `${where}: HTTP ${answer.status}`,
      {
        httpStatus: answer.status,
      },
    )
  }
}

export interface PrefetchResult {
  fetched: number
  unavailable: number
  failed: number
}

export interface PrefetchDeps {
  fetchResponse: FetchResponse
  profileDir: string
  /** Runs a write of the replica alone (pulls and claims write it too). */
  exclusive<T>(write: () => T | Promise<T>): Promise<T>
  cache(): CallCache
  concurrency?: number
  signal?: AbortSignal
  now?: () => Date
}

/** Fetches the recordings the held calls lack; each is stored with its call only if the call is still held. */
export async function prefetchRecordings(details: readonly CallDetail[], deps: PrefetchDeps): Promise<PrefetchResult> {
  const limit = pLimit(deps.concurrency ?? 3)
  const result: PrefetchResult = { fetched: 0, unavailable: 0, failed: 0 }
  const now = deps.now ?? (() => new Date())
  const jobs: Promise<void>[] = []
  for (const detail of details) {
    const id = detail.callInstanceId
    const wanted: [CachedRecording['kind'], string | null][] = [
      ['full', detail.recordingUrl],
      ['customer', detail.customerRecordingUrl],
    ]
    for (const [kind, url] of wanted) {
      if (!url) continue
      const cache = deps.cache()
      if (cache.recordingPath(id, kind) !== null) continue
      if (cache.unavailableRecordings(id).some((u) => u.kind === kind && u.url === url)) continue
      jobs.push(
        limit(async () => {
          if (deps.signal?.aborted) return
          try {
            const recording = await fetchRecording(deps.fetchResponse, deps.profileDir, id, kind, url, deps.signal)
            await deps.exclusive(() => {
              const current = deps.cache()
              // Released while it downloaded: the call is gone, and so is the need for its audio.
              if (current.getCall(id) === null) return
              current.saveCallDetail(detail, [recording], current.unavailableRecordings(id))
              result.fetched++
            })
          } catch (error) {
            if (!(error instanceof RecordingUnavailable)) {
              result.failed++
              return
            }
            await deps.exclusive(() => {
              const current = deps.cache()
              if (current.getCall(id) === null) return
              const marks = current.unavailableRecordings(id).filter((u) => u.kind !== kind)
              const mark = { kind, url, reason: error.reason, message: error.message, at: now().toISOString() }
              current.saveCallDetail(detail, [], [...marks, mark])
              result.unavailable++
            })
          }
        }),
      )
    }
  }
  await Promise.all(jobs)
  return result
}
