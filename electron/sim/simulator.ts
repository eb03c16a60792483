// The programmatic entry: start a simulator in-process (the app's "Try the demo", tests,
// benchmarks) on a dataset directory or generated data, and control it while it runs.
import { existsSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { resolve } from 'node:path'
import { generateWorld, type GenerateOptions } from './dataset/generate'
import { DATASET_FILE, loadDatasetDir } from './dataset/load'
import { FaultInjector, NO_FAULTS, parseFaultSpec, validateFaults, type FaultConfig } from './faults'
import { API_BASE_PATH } from './api/routes'
import { setStatShape, type StatShape } from './api/stat-shape'
import { NO_QUIRKS, validateQuirks, type Quirks } from './quirks'
import { createSimServer } from './server'
import { SimStore } from './store/sim-store'
import type { SimCredential, SimWorld } from './store/types'

/** The bundled demo dataset, resolved from this file so it works from any working directory. */
export const DEMO_DATASET_DIR = resolve(import.meta.dirname, '../../resources/demo')

export interface SimulatorOptions {
  /** 'demo', a dataset directory, or an already built world. Default: generated data. */
  dataset?: 'demo' | string | SimWorld
  /** Used when `dataset` is not given. */
  generate?: GenerateOptions
  /** 0 (default) picks a free port. */
  port?: number
  /** Default 127.0.0.1. */
  host?: string
  /** ms added to every response (same as the latency fault). */
  latency?: number
  faults?: string | Partial<FaultConfig>
  /** Server clock, ms since epoch. */
  now?: () => number
  /** How getTaskDetail sends extraStat (api/stat-shape.ts). */
  statShape?: Partial<StatShape>
  /** Real-world shapes and per-task/per-call failures (quirks.ts); none by default. */
  quirks?: Partial<Quirks>
}

export interface RunningSimulator {
  /** e.g. http://127.0.0.1:PORT/openapi/v1 */
  baseUrl: string
  /** http://127.0.0.1:PORT: recordings and /__admin live here. */
  origin: string
  port: number
  /** The first app key: the one the CLI prints. */
  credentials: { appKey: string; appSecret: string }
  /** A company the first app key may read. */
  companyId: number
  /** Every app key with the companies it may read. */
  accounts: readonly SimCredential[]
  store: SimStore
  setFaults(faults: string | Partial<FaultConfig>): FaultConfig
  faults(): FaultConfig
  /** Replaces all quirks (fields left out are off). */
  setQuirks(quirks: Partial<Quirks>): Quirks
  quirks(): Quirks
  /** Makes `count` more calls of the task finish now (at the head of the done-calls list). */
  finishCalls(taskId: number, count: number): number[]
  hungRequests(): number
  close(): Promise<void>
}

export function resolveDatasetDir(dataset: string): string {
  return dataset === 'demo' ? DEMO_DATASET_DIR : resolve(dataset)
}

function buildWorld(options: SimulatorOptions): SimWorld {
  const { dataset } = options
  if (dataset === undefined) return generateWorld(options.generate)
  if (typeof dataset !== 'string') return dataset
  const dir = resolveDatasetDir(dataset)
  if (!existsSync(resolve(dir, DATASET_FILE))) {
    throw new Error(
      dataset === 'demo'
        ? `The demo dataset is missing (${dir}); run npm run demo:generate`
        : `No ${DATASET_FILE} in ${dir}`,
    )
  }
  return loadDatasetDir(dir)
}

function faultConfig(faults: string | Partial<FaultConfig> | undefined, base: FaultConfig): FaultConfig {
  if (faults === undefined) return base
  return typeof faults === 'string' ? parseFaultSpec(faults, base) : validateFaults({ ...base, ...faults })
}

export async function startSimulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  const world = buildWorld(options)
  const first = world.credentials[0]
  const companyId = first?.companyIds[0]
  if (!first || companyId === undefined) throw new Error('The dataset has no app key with a company')
  const store = new SimStore(world)
  if (options.statShape) setStatShape(store, options.statShape)
  const now = options.now ?? ((): number => Date.now())
  const injector = new FaultInjector(faultConfig(options.faults, { ...NO_FAULTS, latency: options.latency ?? 0 }))
  const quirks = { current: options.quirks ? validateQuirks(options.quirks) : NO_QUIRKS }
  const { server, hungRequests } = createSimServer({ store, faults: injector, now, quirks })

  const host = options.host ?? '127.0.0.1'
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, host, () => resolveListen())
  })
  const { port } = server.address() as AddressInfo
  const origin = `http://${host.includes(':') ? `[${host}]` : host}:${port}`

  return {
    baseUrl: `${origin}${API_BASE_PATH}`,
    origin,
    port,
    credentials: { appKey: first.appKey, appSecret: first.appSecret },
    companyId,
    accounts: world.credentials,
    store,
    setFaults: (faults) => {
      injector.set(typeof faults === 'string' ? parseFaultSpec(faults) : faultConfig(faults, injector.config))
      return injector.config
    },
    faults: () => injector.config,
    setQuirks: (next) => (quirks.current = validateQuirks(next)),
    quirks: () => quirks.current,
    finishCalls: (taskId, count) => store.finishCalls(taskId, count, now()).map((c) => c.callInstanceId),
    hungRequests,
    close: () =>
      new Promise<void>((resolveClose, reject) => {
        server.close((error) => (error ? reject(error) : resolveClose()))
        // Hung requests and idle keep-alive sockets would otherwise hold close() open forever.
        server.closeAllConnections()
      }),
  }
}
