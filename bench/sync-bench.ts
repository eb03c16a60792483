// 1. Sync, by the real SyncService in this process against the simulator in its own:
// - one generated task at 40 ± 10 ms a request, 6 in flight, against the ideal bound
//   (requests × 40 ms ÷ 6) and a sequential engine (1 in flight, priced per call), with this
//   process's event-loop delay while it runs (recordings are decoded in worker threads);
// - "sync all" of many small tasks, side by side under the one request limit, against the same bound;
// - a server allowing R requests a second (429 + Retry-After beyond): the rate the engine sustains
//   and the most requests it sent in any one second, both over R.
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks'
import { EventBus } from '../electron/services/events/event-bus'
import { SyncService } from '../electron/services/sync/sync-service'
import { figure, single, type Figure } from './lib/figures'
import { startSimProcess } from './lib/sim-process'
import { countedTarget, type Attempt } from './lib/sync-target'
import { warmPeaksPool } from './lib/warm-peaks'
import type { BenchOptions } from './lib/bench'

const BENCH = 'sync'
const CONCURRENCY = 6
/** 30 + [0, 20) ms: 40 ± 10 ms per request, recordings included. */
const FAULTS = 'latency=30,jitter=20'
const MEAN_LATENCY_MS = 40
/** The simulator numbers tasks from here. */
const TASK_ID = 3001
/** The rate-limited server: R requests a second, API and recordings together. */
const RATE = 40

/**
 * Node's histogram records the time between its own timer's ticks, so a loop that is never late
 * reads the sampling interval itself (10.2 ms idle here): the delay is what lies beyond it.
 */
const LOOP_RESOLUTION_MS = 10
const loopDelayMs = (loop: IntervalHistogram, at: number | 'max') =>
  Math.max(0, (at === 'max' ? loop.max : loop.percentile(at)) / 1e6 - LOOP_RESOLUTION_MS)

interface SyncRun {
  calls: number
  seconds: number
  requests: number
  bytes: number
  /** CPU seconds of this process (the engine) and of the simulator during the sync. */
  engineCpu: number
  simCpu: number
  /** This process's event-loop delay while the sync ran, ms. */
  loopDelay: { p50: number; p99: number; max: number }
}

async function syncOnce(
  simArgs: string[],
  concurrency: number,
  options: { taskId?: number; attempts?: Attempt[]; partialOk?: boolean } = {},
): Promise<SyncRun> {
  const sim = await startSimProcess(simArgs)
  const counted = countedTarget(sim, concurrency, { attempts: options.attempts })
  try {
    const service = new SyncService(new EventBus(), { concurrency })
    const loop = monitorEventLoopDelay({ resolution: LOOP_RESOLUTION_MS })
    const cpuBefore = process.cpuUsage()
    const simCpuBefore = sim.cpuSeconds()
    const started = performance.now()
    loop.enable()
    service.start(counted.target, options.taskId)
    const progress = (await service.wait())!
    loop.disable()
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
      loopDelay: { p50: loopDelayMs(loop, 50), p99: loopDelayMs(loop, 99), max: loopDelayMs(loop, 'max') },
    }
  } finally {
    counted.dispose()
    await sim.stop()
  }
}

/** The most attempts sent in any window of `windowMs` (two pointers over the sorted send times). */
export function busiestWindow(sentAt: readonly number[], windowMs = 1000): number {
  const times = [...sentAt].sort((a, b) => a - b)
  let most = 0
  for (let from = 0, to = 0; to < times.length; to++) {
    while (times[to]! - times[from]! >= windowMs) from++
    most = Math.max(most, to - from + 1)
  }
  return most
}

/** This process's event-loop delay while it does nothing for 3 s: the machine's own floor. */
async function idleLoopDelay(): Promise<number> {
  const loop = monitorEventLoopDelay({ resolution: LOOP_RESOLUTION_MS })
  loop.enable()
  await new Promise((resolve) => setTimeout(resolve, 3000))
  loop.disable()
  return loopDelayMs(loop, 99)
}

const idealSeconds = (run: SyncRun) => (run.requests * MEAN_LATENCY_MS) / CONCURRENCY / 1000

export async function runSyncBench(options: BenchOptions): Promise<Figure[]> {
  const calls = options.quick ? 40 : 2000
  const sequentialCalls = options.quick ? 12 : 100
  const manyTasks = options.quick ? { tasks: 10, calls: 10 } : { tasks: 50, calls: 40 }
  const limitedCalls = options.quick ? 60 : 500
  const one = (n: number) => ['--generate', `tasks=1,calls=${n},seed=11`, '--faults', FAULTS]
  await warmPeaksPool()
  const idleLoop = await idleLoopDelay()

  options.log(`sync: ${calls} calls, concurrency ${CONCURRENCY}`)
  const engine = await syncOnce(one(calls), CONCURRENCY, { taskId: TASK_ID })
  options.log(`sync: ${sequentialCalls} calls, sequential`)
  const sequential = await syncOnce(one(sequentialCalls), 1, { taskId: TASK_ID })
  options.log(`sync: all of ${manyTasks.tasks} tasks × ${manyTasks.calls} calls`)
  const many = await syncOnce(
    ['--generate', `tasks=${manyTasks.tasks},calls=${manyTasks.calls},seed=12`, '--faults', FAULTS],
    CONCURRENCY,
  )
  options.log(`sync: ${limitedCalls} calls against a server allowing ${RATE} requests a second`)
  const attempts: Attempt[] = []
  const limited = await syncOnce(
    one(limitedCalls).map((arg) => (arg === FAULTS ? `${FAULTS},rate=${RATE}` : arg)),
    CONCURRENCY,
    {
      taskId: TASK_ID,
      attempts,
    },
  )
  const accepted = attempts.filter((a) => a.status !== 429).length
  const rejected = attempts.length - accepted
  const sustained = accepted / limited.seconds
  const busiest = busiestWindow(attempts.map((a) => a.sentAt))

  const rate = (run: SyncRun) => run.calls / run.seconds
  const mbps = (run: SyncRun) => run.bytes / 2 ** 20 / run.seconds
  const note =
    `${engine.requests} requests, ${(engine.bytes / 2 ** 20).toFixed(0)} MB of recordings; ` +
    `CPU during the sync: engine ${engine.engineCpu.toFixed(1)} s, simulator ${engine.simCpu.toFixed(1)} s`
  const idealName = `ideal: requests × ${MEAN_LATENCY_MS} ms ÷ ${CONCURRENCY}`
  const rateBaseline = { name: `the server's limit R`, ...single(RATE) }
  return [
    figure({
      bench: BENCH,
      name: `full sync, ${calls} calls (engine, ${CONCURRENCY} in flight)`,
      unit: 's',
      value: single(engine.seconds),
      baseline: { name: idealName, ...single(idealSeconds(engine)) },
      target: { text: 'ratio ≤ 1.25', check: (_, ratio) => ratio !== null && ratio <= 1.25 },
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
    figure({
      bench: BENCH,
      name: `event-loop delay p99 of the syncing process, ${calls}-call sync`,
      unit: 'ms',
      value: single(engine.loopDelay.p99),
      baseline: { name: 'this process idle, 3 s (the machine’s floor)', ...single(idleLoop) },
      target: { text: 'p99 ≤ 20 ms', check: (value) => value.p95 <= 20 },
      note: `event-loop delay during the sync: p50 ${engine.loopDelay.p50.toFixed(1)} ms, max ${engine.loopDelay.max.toFixed(0)} ms`,
    }),
    figure({
      bench: BENCH,
      name: `sync all, ${manyTasks.tasks} tasks × ${manyTasks.calls} calls (tasks side by side, ${CONCURRENCY} in flight)`,
      unit: 's',
      value: single(many.seconds),
      baseline: { name: idealName, ...single(idealSeconds(many)) },
      target: { text: 'ratio ≤ 1.5', check: (_, ratio) => ratio !== null && ratio <= 1.5 },
      note: `${many.requests} requests for ${many.calls} calls; event-loop delay p99 ${many.loopDelay.p99.toFixed(1)} ms`,
    }),
    figure({
      bench: BENCH,
      name: `rate sustained against a server allowing R = ${RATE} req/s (${limitedCalls} calls)`,
      unit: 'req/s',
      value: single(sustained),
      baseline: rateBaseline,
      target: { text: 'ratio ≥ 0.9', check: (_, ratio) => ratio !== null && ratio >= 0.9 },
      note: `${attempts.length} requests sent in ${limited.seconds.toFixed(1)} s: ${accepted} answered, ${rejected} answered 429`,
    }),
    figure({
      bench: BENCH,
      name: `most requests sent in any 1-s window, same sync`,
      unit: 'req/s',
      value: single(busiest),
      baseline: rateBaseline,
      target: { text: 'ratio ≤ 2', check: (_, ratio) => ratio !== null && ratio <= 2 },
    }),
  ]
}
