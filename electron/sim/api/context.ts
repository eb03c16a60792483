// What every endpoint handler receives: the store, the authenticated app key and the request.
import type { SimStore } from '../store/sim-store'
import type { SimCredential } from '../store/types'

export interface ApiContext {
  store: SimStore
  credential: SimCredential
  query: URLSearchParams
  /** Parsed JSON body of a POST (undefined for GET). */
  body: unknown
  /** http://host:port of this server, for recording URLs. */
  origin: string
  now: number
  /** Calls to finish before answering a done-calls page after the first (the churn fault). */
  churn: number
}

export type ApiHandler = (ctx: ApiContext) => unknown

export function recordingUrl(origin: string, callInstanceId: number, ext: string | null, user = false): string | null {
  return ext === null ? null : `${origin}/recordings/${callInstanceId}${user ? '_user' : ''}.${ext}`
}
