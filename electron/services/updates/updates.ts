// The app's updates as the routes see them. Electron's shell supplies the real one
// (electron/main/updates.ts, over electron-updater); browser mode and the CLI have nothing to update.
import type { UpdateStatus } from '../../shared/contract'

export interface Updates {
  status(): UpdateStatus
  /** Looks for an update now; a found one downloads in the background and installs on quit. */
  check(): Promise<UpdateStatus>
}

export const noUpdates: Updates = {
  status: () => ({ state: 'unsupported' }),
  check: async () => ({ state: 'unsupported' }),
}
