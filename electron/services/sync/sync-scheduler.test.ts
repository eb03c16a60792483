import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { DEFAULT_SETTINGS, type Settings, type SyncProgress } from '../../shared/contract'
import { EventBus } from '../events/event-bus'
import { SyncScheduler } from './sync-scheduler'

const MINUTE = 60_000

/** A schedule over a settings value the test changes, and sync jobs the test ends. */
function scheduled(initialMinutes: number, options: { failStart?: () => Error | null } = {}) {
  const events = new EventBus()
  let settings: Settings = { ...DEFAULT_SETTINGS, syncEveryMinutes: initialMinutes }
  let running = false
  const started: number[] = []
  const skipped: unknown[] = []
  const scheduler = new SyncScheduler({
    settings: { get: () => settings },
    events,
    busy: () => running,
    startSync: async () => {
      const failure = options.failStart?.()
      if (failure) throw failure
      running = true
      started.push(Date.now())
    },
    onSkipped: (error) => skipped.push(error),
  })
  return {
    scheduler,
    started,
    skipped,
    setMinutes(minutes: number) {
      settings = { ...settings, syncEveryMinutes: minutes }
      events.emit('settings.changed', settings)
    },
    /** A job (scheduled or the reviewer's) runs until endJob(). */
    beginJob: () => (running = true),
    endJob() {
      running = false
      events.emit('sync.progress', { finishedAt: new Date().toISOString() } as SyncProgress)
    },
  }
}

describe('the sync schedule', () => {
  beforeEach(() => vi.useFakeTimers({ now: 0 }))
  afterEach(() => vi.useRealTimers())

  it('is off by default: no sync ever starts on its own', async () => {
    const s = scheduled(DEFAULT_SETTINGS.syncEveryMinutes)
    s.scheduler.start()
    await vi.advanceTimersByTimeAsync(24 * 60 * MINUTE)
    expect(DEFAULT_SETTINGS.syncEveryMinutes).toBe(0)
    expect(s.started).toEqual([])
  })

  it('syncs every N minutes, counted from the end of the last sync', async () => {
    const s = scheduled(15)
    s.scheduler.start()
    await vi.advanceTimersByTimeAsync(15 * MINUTE - 1)
    expect(s.started).toEqual([])
    await vi.advanceTimersByTimeAsync(1)
    expect(s.started).toEqual([15 * MINUTE])
    // The job takes two minutes; the next one is due 15 minutes after it ended.
    await vi.advanceTimersByTimeAsync(2 * MINUTE)
    s.endJob()
    await vi.advanceTimersByTimeAsync(15 * MINUTE)
    expect(s.started).toEqual([15 * MINUTE, 32 * MINUTE])
  })

  it('never starts a second sync while one runs, and counts again from the end of the reviewer’s own sync', async () => {
    const s = scheduled(5)
    s.scheduler.start()
    await vi.advanceTimersByTimeAsync(4 * MINUTE)
    s.beginJob() // the reviewer presses Sync
    await vi.advanceTimersByTimeAsync(10 * MINUTE)
    expect(s.started).toEqual([])
    s.endJob() // at 14 minutes
    await vi.advanceTimersByTimeAsync(5 * MINUTE)
    expect(s.started).toEqual([19 * MINUTE])
  })

  it('follows a change of the setting at once, and stops when switched off', async () => {
    const s = scheduled(0)
    s.scheduler.start()
    s.setMinutes(30)
    await vi.advanceTimersByTimeAsync(30 * MINUTE)
    expect(s.started).toEqual([30 * MINUTE])
    s.endJob()
    s.setMinutes(0)
    await vi.advanceTimersByTimeAsync(24 * 60 * MINUTE)
    expect(s.started).toHaveLength(1)
  })

  it('tries again a full interval later when a sync cannot start, and says why', async () => {
    let failures = 1
    const s = scheduled(5, { failStart: () => (failures-- > 0 ? new Error('No connection profile is active') : null) })
    s.scheduler.start()
    await vi.advanceTimersByTimeAsync(5 * MINUTE)
    expect(s.started).toEqual([])
    expect(s.skipped).toEqual([new Error('No connection profile is active')])
    await vi.advanceTimersByTimeAsync(5 * MINUTE)
    expect(s.started).toEqual([10 * MINUTE])
  })

  it('stops for good when stopped', async () => {
    const s = scheduled(5)
    s.scheduler.start()
    s.scheduler.stop()
    s.setMinutes(1)
    await vi.advanceTimersByTimeAsync(60 * MINUTE)
    expect(s.started).toEqual([])
  })
})
