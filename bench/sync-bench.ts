// 1. Sync: one generated task pulled from the simulator at 40 ± 10 ms a request, by the engine
// (6 requests in flight) against the ideal bound (requests × 40 ms ÷ 6) and a sequential
// engine (1 in flight). Sequential runs on fewer calls: it is priced per call (calls/s).
import { EventBus } from '../electron/services/events/event-bus'
import { SyncService } from '../electron/services/sync/sync-service'
import { figure, single, type Figure } from './lib/figures'
import { startSimProcess } from './lib/sim-process'
import { countedTarget } from './lib/sync-target'
import type { BenchOptions } from './lib/bench'

const BENCH = 'sync'
const CONCURRENCY = 6
/** 30 + [0, 20) ms: 40 ± 10 ms per request, recordings included. */
const FAULTS = 'latency=30,jitter=20'
const MEAN_LATENCY_MS = 40
/** The simulator numbers tasks from here. */
const TASK_ID = 3001

interface SyncRun {
  calls: number
  seconds: number
  requests: number
  bytes: number
  /** CPU seconds of this process (the engine) and of the simulator during the sync. */
  engineCpu: number
  simCpu: number
}

async function syncOnce(calls: number, concurrency: number): Promise<SyncRun> {
  const sim = await startSimProcess(['--generate', `tasks=1,calls=${calls},seed=11`, '--faults', FAULTS])
  const counted = countedTarget(sim, concurrency)
  try {
    const service = new SyncService(new EventBus(), { concurrency })
    const cpuBefore = process.cpuUsage()
    const simCpuBefore = sim.cpuSeconds()
    const started = performance.now()
    service.start(counted.target, TASK_ID)
    const progress = (await service.wait())!
    const seconds = (performance.now() - started) / 1000
    if (progress.phase !== 'done' || progress.errors.length > 0) {
      throw new Error(`sync ended ${progress.phase} with ${progress.errors.length} errors`)
    }
    const cpu = process.cpuUsage(cpuBefore)
    return {
      calls: progress.callsDone,
      seconds,
      requests: counted.requests(),
      bytes: progress.bytes,
      engineCpu: (cpu.user + cpu.system) / 1e6,
      simCpu: sim.cpuSeconds() - simCpuBefore,
    }
  } finally {
    counted.dispose()
    await sim.stop()
  }
}

export async function runSyncBench(options: BenchOptions): Promise<Figure[]> {
  const calls = options.quick ? 40 : 2000
  const sequentialCalls = options.quick ? 12 : 100
  options.log(`sync: ${calls} calls, concurrency ${CONCURRENCY}`)
  const engine = await syncOnce(calls, CONCURRENCY)
  options.log(`sync: ${sequentialCalls} calls, sequential`)
  const sequential = await syncOnce(sequentialCalls, 1)

  const ideal = (engine.requests * MEAN_LATENCY_MS) / CONCURRENCY / 1000
  const rate = (run: SyncRun) => run.calls / run.seconds
  const mbps = (run: SyncRun) => run.bytes / 2 ** 20 / run.seconds
  const note =
    `${engine.requests} requests, ${(engine.bytes / 2 ** 20).toFixed(0)} MB of recordings; ` +
    `CPU during the sync: engine ${engine.engineCpu.toFixed(1)} s, simulator ${engine.simCpu.toFixed(1)} s`
  return [
    figure({
      bench: BENCH,
      name: `full sync, ${calls} calls (engine, ${CONCURRENCY} in flight)`,
      unit: 's',
      value: single(engine.seconds),
      baseline: { name: `ideal: requests × ${MEAN_LATENCY_MS} ms ÷ ${CONCURRENCY}`, ...single(ideal) },
      target: { text: 'ratio ≤ 1.5', check: (_, ratio) => ratio !== null && ratio <= 1.5 },
      note,
    }),
    figure({
      bench: BENCH,
      name: 'calls per second (engine)',
      unit: 'calls/s',
      value: single(rate(engine)),
      baseline: { name: `sequential, ${sequentialCalls} calls`, ...single(rate(sequential)) },
      target: { text: 'ratio ≥ 5', check: (_, ratio) => ratio !== null && ratio >= 5 },
    }),
    figure({
      bench: BENCH,
      name: 'recording MB per second (engine)',
      unit: 'MB/s',
      value: single(mbps(engine)),
      baseline: { name: `sequential, ${sequentialCalls} calls`, ...single(mbps(sequential)) },
    }),
  ]
}
