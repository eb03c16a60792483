// Test support: CallLens's own BYRobot client signed in to a running simulator, with backoff short
// enough for tests; each test adds what it needs (retries, timeouts, a fetch of its own).
import type { RunningSimulator } from '../sim/simulator'
import { ByrobotClient, type ByrobotClientOptions } from '../services/byrobot'

export function clientForSimulator(
  sim: RunningSimulator,
  options: Omit<Partial<ByrobotClientOptions>, 'baseUrl' | 'appKey' | 'appSecret' | 'companyId'> = {},
): ByrobotClient {
  return new ByrobotClient({
    baseUrl: sim.baseUrl,
    appKey: sim.credentials.appKey,
    appSecret: sim.credentials.appSecret,
    companyId: sim.companyId,
    retry: { minTimeoutMs: 10, maxTimeoutMs: 100 },
    ...options,
  })
}
