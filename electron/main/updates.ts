// The installed app's updates: electron-updater's generic provider pointed at the feed URL from
// Settings (empty = never looks). A found update downloads in the background and is installed when
// the reviewer quits (electron-updater's autoInstallOnAppQuit); nothing here ever quits or restarts
// the app, so an update never lands in the middle of a review.
import type { AppUpdater } from 'electron-updater'
import type { UpdateStatus } from '../shared/contract'
import type { Updates } from '../services/updates/updates'

export interface UpdateControllerOptions {
  /** The feed URL setting as it is now ('' = updates off). */
  feedUrl(): string
  /** An installed build (`app.isPackaged`); a checkout run (npm start, e2e) has nothing to update. */
  installed: boolean
  /** Every status change, for the window (the About panel). */
  publish(status: UpdateStatus): void
}

export class UpdateController implements Updates {
  private current: UpdateStatus
  private appliedFeed = ''

  constructor(
    private readonly updater: AppUpdater,
    private readonly options: UpdateControllerOptions,
  ) {
    updater.autoDownload = true
    updater.autoInstallOnAppQuit = true
    updater.allowDowngrade = false
    this.current = this.resting()
    updater.on('checking-for-update', () => this.set({ state: 'checking' }))
    updater.on('update-not-available', () => this.set({ state: 'up-to-date', checkedAt: new Date().toISOString() }))
    updater.on('update-available', (info) => this.set({ state: 'downloading', version: info.version, percent: 0 }))
    updater.on('download-progress', (progress) => {
      if (this.current.state === 'downloading') this.set({ ...this.current, percent: clampPercent(progress.percent) })
    })
    updater.on('update-downloaded', (info) => this.set({ state: 'ready', version: info.version }))
    updater.on('error', (error) => {
      // electron-updater reports check and download failures alike; which one it was is our state.
      const code = this.current.state === 'downloading' ? 'download_failed' : 'feed_unreachable'
      this.set({ state: 'error', code, message: error.message.split('\n')[0]!.slice(0, 500) })
    })
  }

  status(): UpdateStatus {
    // A feed URL set or cleared since the last look shows at once.
    if (['off', 'idle', 'unsupported'].includes(this.current.state)) this.current = this.resting()
    return this.current
  }

  async check(): Promise<UpdateStatus> {
    const resting = this.resting()
    if (resting.state !== 'idle') return this.set(resting)
    // One download at a time; a downloaded update waits for the quit.
    if (this.current.state === 'downloading' || this.current.state === 'ready') return this.current
    const feed = this.options.feedUrl()
    if (feed !== this.appliedFeed) {
      this.updater.setFeedURL({ provider: 'generic', url: feed })
      this.appliedFeed = feed
    }
    try {
      const result = await this.updater.checkForUpdates()
      // Its failure arrives as the 'error' event above; the promise must not go unhandled.
      result?.downloadPromise?.catch(() => undefined)
    } catch {
      // Reported through the 'error' event.
    }
    return this.current
  }

  /** Called when the settings change: a new feed is looked at, a cleared one turns updates off. */
  feedChanged(): void {
    const resting = this.resting()
    if (resting.state !== 'idle') {
      if (this.current.state !== 'downloading' && this.current.state !== 'ready') this.set(resting)
      return
    }
    if (this.options.feedUrl() !== this.appliedFeed) void this.check()
  }

  private resting(): UpdateStatus {
    if (!this.options.installed) return { state: 'unsupported' }
    if (!this.options.feedUrl()) return { state: 'off' }
    return { state: 'idle' }
  }

  private set(status: UpdateStatus): UpdateStatus {
    this.current = status
    this.options.publish(status)
    return status
  }
}

function clampPercent(percent: number): number {
  return Math.min(100, Math.max(0, Number.isFinite(percent) ? percent : 0))
}
