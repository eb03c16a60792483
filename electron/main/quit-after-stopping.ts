// Quitting waits for the orderly stop (a sync between two calls, the team connection, the files
// closed), but never hangs: after the deadline it quits anyway (SQLite's journal and the team
// outbox survive a cut; they are what a killed process relies on too). It runs on `will-quit`,
// once every window has closed: a window's unload guard still counts and saves its drafts first.
export const QUIT_DEADLINE_MS = 5000

interface QuittingApp {
  on(event: 'will-quit', listener: (event: { preventDefault(): void }) => void): unknown
  quit(): void
}

export function quitAfterStopping(app: QuittingApp, stop: () => Promise<void>, deadlineMs = QUIT_DEADLINE_MS): void {
  let state: 'running' | 'stopping' | 'stopped' = 'running'
  app.on('will-quit', (event) => {
    if (state === 'stopped') return
    event.preventDefault()
    if (state === 'stopping') return
    state = 'stopping'
    let timer: ReturnType<typeof setTimeout> | undefined
    const deadline = new Promise<void>((resolve) => (timer = setTimeout(resolve, deadlineMs)))
    void Promise.race([stop(), deadline])
      .catch((error: unknown) => console.error('CallLens: stopping before quit failed:', error))
      .finally(() => {
        clearTimeout(timer)
        state = 'stopped'
        app.quit()
      })
  })
}
