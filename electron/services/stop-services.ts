// The orderly stop of everything that writes a profile's files, shared by the browser host's
// backend and the desktop app's quit: nothing is left half-written, then the files close.
import type { Services } from './services'

export async function stopServices(
  services: Pick<Services, 'scheduler' | 'sync' | 'demo' | 'team' | 'workspace'>,
): Promise<void> {
  // Let a running sync stop between two calls before the cache closes.
  services.scheduler.stop()
  services.sync.cancel()
  // The team connection writes the replica into that cache too: it stops first.
  await Promise.all([services.sync.wait(), services.demo.stop(), services.team.stop()])
  services.workspace.close()
}
