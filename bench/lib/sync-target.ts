// A sync target in a temp directory (real client, real cache, as sync-engine.test.ts builds
// one) whose client counts the requests it makes: the ideal bound is priced per request.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ByrobotClient } from '../../electron/services/byrobot'
import { CallCache } from '../../electron/services/cache'
import { peaksPool } from '../../electron/services/media/peaks-pool'
import type { RecordingFetch } from '../../electron/services/media/recording-answer'
import type { SyncClient } from '../../electron/services/sync/sync-ports'
import type { SyncTarget } from '../../electron/services/sync/sync-service'
import type { SimProcess } from './sim-process'

export interface CountedTarget {
  target: SyncTarget
  /** Requests made so far (API calls and recording downloads). */
  requests(): number
  dispose(): void
}

/** Every method goes through, counted; retries inside the client are not (no faults here, so none). */
function counting(inner: SyncClient, count: () => void): SyncClient {
  return {
    listTasks: (query, options) => (count(), inner.listTasks(query, options)),
    getTaskDetail: (taskId, options) => (count(), inner.getTaskDetail(taskId, options)),
    listDoneCalls: (query, options) => (count(), inner.listDoneCalls(query, options)),
    listNotDialed: (query, options) => (count(), inner.listNotDialed(query, options)),
    getCallDetail: (callInstanceId, options) => (count(), inner.getCallDetail(callInstanceId, options)),
    fetchRecording: (url, signal) => (count(), inner.fetchRecording(url, signal)),
  }
}

/** Every HTTP attempt the client makes (retries included, recordings too): when it was sent and its status. */
export interface Attempt {
  sentAt: number
  status: number
}

export function countedTarget(
  sim: SimProcess,
  concurrency: number,
  options: { attempts?: Attempt[] } = {},
): CountedTarget {
  const attempts = options.attempts
  const fetch: typeof globalThis.fetch | undefined = attempts
    ? async (input, init) => {
        const attempt = { sentAt: performance.now(), status: 0 }
        attempts.push(attempt)
        const response = await globalThis.fetch(input, init)
        attempt.status = response.status
        return response
      }
    : undefined
  // Recordings are fetched in the peaks workers (as the app does), each attempt counted here.
  const recordingFetch: RecordingFetch | undefined = attempts
    ? async (url, signal) => {
        const attempt = { sentAt: performance.now(), status: 0 }
        attempts.push(attempt)
        const answer = await peaksPool().fetch(url, signal)
        attempt.status = answer.status
        return answer
      }
    : undefined
  const dir = mkdtempSync(join(tmpdir(), 'calllens-bench-sync-'))
  const cache = new CallCache(join(dir, 'cache.db'), { dataDir: dir })
  const client = new ByrobotClient({
    baseUrl: sim.baseUrl,
    appKey: sim.appKey,
    appSecret: sim.appSecret,
    companyId: sim.companyId,
    concurrency,
    ...(fetch ? { fetch } : {}),
    ...(recordingFetch ? { recordingFetch } : {}),
  })
  let requests = 0
  return {
    target: { profileId: 'p-bench', profileDir: dir, client: counting(client, () => requests++), cache },
    requests: () => requests,
    dispose() {
      cache.close()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
