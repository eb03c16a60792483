// The data for opening a call: a generated task whose first three calls are made answered and
// 1, 10 and 60 minutes long, synced by the host itself (so its RSS after a full sync is real).
import { rmSync } from 'node:fs'
import { join } from 'node:path'
import { generateWorld } from '../../electron/sim/dataset/generate'
import { SynthCall } from '../../electron/sim/dataset/synth-call'
import { startSimulator, type RunningSimulator } from '../../electron/sim/simulator'
import { startHost, type HostProcess } from './browser'
import { createProfileDataDir } from './profile-data-dir'

const SEED = 5

export interface LongCalls {
  sim: RunningSimulator
  host: HostProcess
  dataDir: string
  /** callInstanceId by length in seconds. */
  ids: { oneMinute: number; tenMinutes: number; sixtyMinutes: number }
  /** Host RSS right after start and after the sync, MB. */
  rssAtStart: number
  rssAfterSync: number
  syncSec: number
  /** The synced WAV of a call on disk. */
  recordingFile(callInstanceId: number): string
  dispose(): Promise<void>
}

async function waitForSync(host: HostProcess): Promise<void> {
  for (;;) {
    const status = await host.invoke<{ phase: string } | null>('sync.status')
    if (status && ['done', 'failed', 'cancelled'].includes(status.phase)) {
      if (status.phase !== 'done') throw new Error(`host sync ended ${status.phase}`)
      return
    }
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

export async function startLongCalls(otherCalls: number): Promise<LongCalls> {
  const world = generateWorld({ tasks: 1, calls: otherCalls + 3, seed: SEED })
  const state = world.tasks[0]!
  const lengths = [60, 600, 3600]
  state.calls.splice(
    0,
    lengths.length,
    ...lengths.map((seconds, i) => {
      const old = state.calls[i]!
      // About one talk round every 8 s, as the generator draws them.
      return new SynthCall(SEED, state.task, old.callInstanceId, 0, seconds, Math.round(seconds / 8), old.endedAt)
    }),
  )
  const sim = await startSimulator({ dataset: world })
  const dir = createProfileDataDir({ baseUrl: sim.baseUrl, ...sim.credentials, companyId: sim.companyId }, 'open-call')
  dir.close()
  const host = await startHost(dir.dataDir)
  const rssAtStart = host.rssMB()
  const started = performance.now()
  await host.invoke('sync.start', {})
  await waitForSync(host)
  const syncSec = (performance.now() - started) / 1000
  return {
    sim,
    host,
    dataDir: dir.dataDir,
    ids: {
      oneMinute: state.calls[0]!.callInstanceId,
      tenMinutes: state.calls[1]!.callInstanceId,
      sixtyMinutes: state.calls[2]!.callInstanceId,
    },
    rssAtStart,
    rssAfterSync: host.rssMB(),
    syncSec,
    recordingFile: (id) => join(dir.dataDir, 'profiles', dir.profileId, 'recordings', `${id}.wav`),
    async dispose() {
      await host.stop()
      await sim.close()
      rmSync(dir.dataDir, { recursive: true, force: true })
    },
  }
}

let shared: Promise<LongCalls> | null = null

/** One per run: the open-call and keys benchmarks share the synced host. */
export function sharedLongCalls(otherCalls: number): Promise<LongCalls> {
  shared ??= startLongCalls(otherCalls)
  return shared
}

export async function disposeLongCalls(): Promise<void> {
  const running = await shared?.catch(() => null)
  shared = null
  await running?.dispose()
}
