// A tiny signed HTTP client over the simulator, for the simulator's own tests (not CallLens's client).
import { signRequest } from '../auth'
import type { RunningSimulator } from '../simulator'

/** Parsed response JSON: tests probe it field by field, so it is deliberately untyped. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any

export interface Reply {
  status: number
  headers: Headers
  text: string
  /** Parsed envelope (throws if the body is not JSON). */
  json: () => Json
}

export interface Key {
  appKey: string
  appSecret: string
}

async function reply(res: Response): Promise<Reply> {
  const text = await res.text()
  return { status: res.status, headers: res.headers, text, json: () => JSON.parse(text) }
}

export function simClient(sim: RunningSimulator, key: Key = sim.credentials) {
  const headers = (extra: Record<string, string> = {}): Record<string, string> => ({
    ...signRequest(key.appKey, key.appSecret),
    'content-type': 'application/json',
    ...extra,
  })
  return {
    get: async (path: string, query: Record<string, string | number | boolean> = {}): Promise<Reply> => {
      const qs = new URLSearchParams(Object.entries(query).map(([k, v]): [string, string] => [k, String(v)]))
      return reply(await fetch(`${sim.baseUrl}${path}?${qs}`, { headers: headers() }))
    },
    post: async (path: string, body: unknown): Promise<Reply> =>
      reply(
        await fetch(`${sim.baseUrl}${path}`, {
          method: 'POST',
          headers: headers(),
          body: typeof body === 'string' ? body : JSON.stringify(body),
        }),
      ),
    /** A request with exactly these headers (for the auth tests). */
    raw: async (path: string, rawHeaders: Record<string, string>): Promise<Reply> =>
      reply(await fetch(`${sim.baseUrl}${path}`, { headers: rawHeaders })),
    admin: async (path: string, body?: unknown): Promise<Reply> =>
      reply(
        await fetch(`${sim.origin}/__admin/${path}`, {
          method: body === undefined ? 'GET' : 'POST',
          headers: { 'content-type': 'application/json' },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        }),
      ),
  }
}

export type SimClient = ReturnType<typeof simClient>
