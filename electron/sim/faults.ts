// Fault injection for the API endpoints: latency with jitter, 500 envelopes, proxy 502 pages,
// hung requests, malformed JSON, 429 with Retry-After and calls finishing mid-paging (churn).
// Configured by a SPEC string (see README.md); random choices are seeded.
import { createRng, type Rng } from './dataset/prng'

export interface FaultConfig {
  /** Added to every API and recording response, ms. */
  latency: number
  /** Extra random delay in [0, jitter) ms. */
  jitter: number
  /** Shares of API requests (0–1, summing to at most 1) that fail each way. */
  error500: number
  proxy502: number
  hang: number
  malformed: number
  rateLimit429: number
  /** Seconds sent in Retry-After with a 429. */
  retryAfter: number
  /** Calls that finish in the task before each done-calls page after the first. */
  churn: number
  /** Requests a second the server allows (API and recordings together; rate-limit.ts); 0 = no limit. */
  rate: number
  seed: number
}

export type FaultKind = 'hang' | '502' | '500' | '429' | 'malformed'

export const NO_FAULTS: FaultConfig = {
  latency: 0,
  jitter: 0,
  error500: 0,
  proxy502: 0,
  hang: 0,
  malformed: 0,
  rateLimit429: 0,
  retryAfter: 1,
  churn: 0,
  rate: 0,
  seed: 1,
}

/** SPEC keys → config fields. Short names are what one types on a command line. */
const KEYS: Record<string, keyof FaultConfig> = {
  latency: 'latency',
  jitter: 'jitter',
  '500': 'error500',
  '502': 'proxy502',
  hang: 'hang',
  malformed: 'malformed',
  '429': 'rateLimit429',
  retryAfter: 'retryAfter',
  churn: 'churn',
  rate: 'rate',
  seed: 'seed',
}
const SHARES: (keyof FaultConfig)[] = ['error500', 'proxy502', 'hang', 'malformed', 'rateLimit429']

export function validateFaults(config: FaultConfig): FaultConfig {
  for (const [field, value] of Object.entries(config)) {
    if (!Number.isFinite(value) || value < 0) throw new Error(`fault ${field} must be a non-negative number`)
  }
  for (const field of SHARES) {
    if (config[field] > 1) throw new Error(`fault share ${field} must be between 0 and 1`)
  }
  const total = SHARES.reduce((sum, f) => sum + config[f], 0)
  if (total > 1 + 1e-9) throw new Error(`fault shares add up to ${total}, more than 1`)
  if (!Number.isInteger(config.churn)) throw new Error('churn must be a whole number of calls')
  return config
}

/** `500=0.1,hang=0.05,latency=200,jitter=50,churn=3`; an empty SPEC means no faults. */
export function parseFaultSpec(spec: string, base: FaultConfig = NO_FAULTS): FaultConfig {
  const config = { ...base }
  for (const part of spec
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const [key = '', value, ...rest] = part.split('=')
    const field = KEYS[key.trim()]
    if (!field) throw new Error(`unknown fault "${key}" (known: ${Object.keys(KEYS).join(', ')})`)
    const number = Number(value)
    if (value === undefined || rest.length > 0 || value.trim() === '' || Number.isNaN(number)) {
      throw new Error(`fault "${part}" needs a number, as in ${key}=0.1`)
    }
    config[field] = number
  }
  return validateFaults(config)
}

export function formatFaultSpec(config: FaultConfig): string {
  return Object.entries(KEYS)
    .filter(([, field]) => config[field] !== NO_FAULTS[field])
    .map(([key, field]) => `${key}=${config[field]}`)
    .join(',')
}

/** Decides, request by request, which fault (if any) to inject. */
export class FaultInjector {
  private rng: Rng
  /**
   * Delays draw from a stream of their own: requests in flight at once take their delays in an
   * order that timing decides, and sharing one stream would let that reorder the faults too.
   */
  private delayRng: Rng
  private current: FaultConfig
  readonly injected: Record<FaultKind, number> = { hang: 0, '502': 0, '500': 0, '429': 0, malformed: 0 }

  constructor(config: FaultConfig = NO_FAULTS) {
    this.current = validateFaults({ ...config })
    this.rng = createRng(this.current.seed, 0xfa17)
    this.delayRng = createRng(this.current.seed, 0xde1a)
  }

  get config(): FaultConfig {
    return { ...this.current }
  }

  /** Replaces the configuration and restarts the random sequence from its seed. */
  set(config: FaultConfig): void {
    this.current = validateFaults({ ...config })
    this.rng = createRng(this.current.seed, 0xfa17)
    this.delayRng = createRng(this.current.seed, 0xde1a)
  }

  delayMs(): number {
    const { latency, jitter } = this.current
    return latency + (jitter > 0 ? Math.floor(this.delayRng.next() * jitter) : 0)
  }

  /** One draw per API request, so the same seed gives the same faults in the same order. */
  decide(): FaultKind | null {
    const c = this.current
    const r = this.rng.next()
    const order: [FaultKind, number][] = [
      ['hang', c.hang],
      ['502', c.proxy502],
      ['429', c.rateLimit429],
      ['500', c.error500],
      ['malformed', c.malformed],
    ]
    let edge = 0
    for (const [kind, share] of order) {
      edge += share
      if (r < edge) {
        this.injected[kind]++
        return kind
      }
    }
    return null
  }
}

/** What nginx in front of a Java app sends when the app is down. */
export const PROXY_502_HTML =
  '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n' +
  '<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n'
