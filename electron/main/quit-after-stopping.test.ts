import { EventEmitter } from 'node:events'
import { describe, expect, it, vi } from 'vitest'
import { quitAfterStopping } from './quit-after-stopping'

/** Electron's app as far as quitting goes: quit() emits will-quit (windows closed), and quits unless prevented. */
class FakeApp extends EventEmitter {
  quitCount = 0
  quitted = false
  quit(): void {
    this.quitCount++
    let prevented = false
    this.emit('will-quit', { preventDefault: () => (prevented = true) })
    if (!prevented) this.quitted = true
  }
}

describe('quitAfterStopping', () => {
  it('holds the quit until the services have stopped, then quits once', async () => {
    const app = new FakeApp()
    let finish!: () => void
    const stop = vi.fn(() => new Promise<void>((resolve) => (finish = resolve)))
    quitAfterStopping(app, stop)
    app.quit()
    app.quit() // a second Ctrl+Q while stopping
    expect(app.quitted).toBe(false)
    expect(stop).toHaveBeenCalledTimes(1)
    finish()
    await vi.waitFor(() => expect(app.quitted).toBe(true))
    expect(stop).toHaveBeenCalledTimes(1)
  })

  it('quits after the deadline when stopping hangs, and when it fails', async () => {
    const hung = new FakeApp()
    quitAfterStopping(hung, () => new Promise<void>(() => undefined), 20)
    hung.quit()
    expect(hung.quitted).toBe(false)
    await vi.waitFor(() => expect(hung.quitted).toBe(true))

    const failing = new FakeApp()
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined)
    quitAfterStopping(failing, () => Promise.reject(new Error('cache locked')))
    failing.quit()
    await vi.waitFor(() => expect(failing.quitted).toBe(true))
    expect(logged).toHaveBeenCalledWith('CallLens: stopping before quit failed:', expect.any(Error))
    logged.mockRestore()
  })
})
