// The loopback-only admin endpoints: change faults at run time, inspect state, finish calls now.
// Not part of BYRobot's API; tests and the demo drive the simulator through them.
import type { IncomingMessage, ServerResponse } from 'node:http'
import { FaultInjector, formatFaultSpec, parseFaultSpec, validateFaults, NO_FAULTS, type FaultConfig } from './faults'
import { setStatShape } from './api/stat-shape'
import { isLoopback, sendJson } from './http-util'
import { validateQuirks, type Quirks } from './quirks'
import type { SimStore } from './store/sim-store'

export const ADMIN_PREFIX = '/__admin/'

export interface AdminContext {
  store: SimStore
  faults: FaultInjector
  now: () => number
  hungRequests: () => number
  requestCount: () => number
  /** Requests the rate limit let through and answered 429, since it was last set. */
  rateLimited: () => { accepted: number; rejected: number }
  quirks: { current: Quirks }
}

/** `{"spec": "500=0.1"}` replaces all faults; an object of FaultConfig fields changes just those. */
export function faultsFromJson(body: unknown, current: FaultConfig): FaultConfig {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new Error('body must be a JSON object')
  const record = body as Record<string, unknown>
  if (typeof record['spec'] === 'string') return parseFaultSpec(record['spec'])
  const next: FaultConfig = { ...current }
  for (const [key, value] of Object.entries(record)) {
    if (!(key in NO_FAULTS)) throw new Error(`unknown fault field "${key}"`)
    if (typeof value !== 'number') throw new Error(`fault field "${key}" must be a number`)
    next[key as keyof FaultConfig] = value
  }
  return validateFaults(next)
}

function state(ctx: AdminContext): unknown {
  const config = ctx.faults.config
  return {
    faults: config,
    spec: formatFaultSpec(config),
    injected: ctx.faults.injected,
    hungRequests: ctx.hungRequests(),
    requests: ctx.requestCount(),
    rateLimited: ctx.rateLimited(),
    quirks: ctx.quirks.current,
    tasks: ctx.store.allTasks().map(({ task, calls, notDialed }) => ({
      callJobId: task.callJobId,
      companyId: task.companyId,
      jobName: task.jobName,
      status: task.status,
      deleted: task.deleted,
      doneCalls: calls.length,
      notDialed: notDialed.length,
    })),
  }
}

export function handleAdmin(
  ctx: AdminContext,
  req: IncomingMessage,
  res: ServerResponse,
  pathname: string,
  rawBody: string,
): void {
  if (!isLoopback(req)) return sendJson(res, 403, { error: 'admin endpoints answer loopback clients only' })
  const route = `${req.method} ${pathname.slice(ADMIN_PREFIX.length)}`
  let body: unknown = undefined
  if (req.method === 'POST') {
    try {
      body = rawBody === '' ? {} : JSON.parse(rawBody)
    } catch {
      return sendJson(res, 400, { error: 'body is not valid JSON' })
    }
  }
  try {
    switch (route) {
      case 'GET state':
        return sendJson(res, 200, state(ctx))
      case 'POST faults': {
        ctx.faults.set(faultsFromJson(body, ctx.faults.config))
        return sendJson(res, 200, { faults: ctx.faults.config, spec: formatFaultSpec(ctx.faults.config) })
      }
      case 'POST stat-shape':
        return sendJson(res, 200, setStatShape(ctx.store, body))
      case 'POST quirks':
        ctx.quirks.current = validateQuirks(body)
        return sendJson(res, 200, { quirks: ctx.quirks.current })
      case 'POST finish-calls': {
        const { taskId, count } = (body ?? {}) as { taskId?: unknown; count?: unknown }
        if (typeof taskId !== 'number' || !ctx.store.allTasks().some((s) => s.task.callJobId === taskId)) {
          return sendJson(res, 404, { error: `unknown taskId ${String(taskId)}` })
        }
        const n = count === undefined ? 1 : count
        if (typeof n !== 'number' || !Number.isInteger(n) || n < 0 || n > 100_000) {
          return sendJson(res, 400, { error: 'count must be an integer from 0 to 100000' })
        }
        const finished = ctx.store.finishCalls(taskId, n, ctx.now())
        return sendJson(res, 200, { finished: finished.map((c) => c.callInstanceId) })
      }
      default:
        return sendJson(res, 404, { error: `no admin route ${route}` })
    }
  } catch (error) {
    return sendJson(res, 400, { error: (error as Error).message })
  }
}
