// The warm-up's real clock: its slices must run back to back in a process that has nothing else to
// do (the host between requests), not one slice per wake-up of an otherwise idle event loop.
import { describe, expect, it } from 'vitest'
import { eventLoopClock } from './warm-up'

describe('eventLoopClock.soon', () => {
  it('runs a chain of 100 slices before a 200 ms timer fires, with nothing else waking the loop', async () => {
    let ran = 0
    const slice = () => {
      if (++ran < 100) eventLoopClock.soon(slice)
    }
    eventLoopClock.soon(slice)
    await new Promise((resolve) => setTimeout(resolve, 200))
    expect(ran).toBe(100)
  })

  it('lets a cancelled slice not run', async () => {
    let ran = false
    const cancel = eventLoopClock.soon(() => (ran = true))
    cancel()
    await new Promise((resolve) => setImmediate(resolve))
    expect(ran).toBe(false)
  })
})
