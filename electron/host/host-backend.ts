// What answers the host's /api and /media: the route table over the services. The browser-mode
// host runs it in a worker thread (backend-worker.ts): the contract, SQLite and the services'
// modules are most of Node's start-up, and the main thread serves the page meanwhile.
import { routes as appRoutes } from '../routes'
import { dispatch } from '../routes/dispatch'
import type { RouteTable } from '../routes/route-table'
import { createNodeServices } from '../services/create-node-services'
import type { MediaSource } from '../services/media/media-source'
import type { Services } from '../services/services'
import type { HostBackend } from './http-host'

export function createHostBackend(parts: { routes: RouteTable; services: Services; media?: MediaSource }): HostBackend {
  return {
    invoke: (channel, input) => dispatch(parts.routes, parts.services, channel, input),
    events: parts.services.events,
    media: parts.media,
    download: (ticket) => parts.services.exportDownloads.take(ticket),
  }
}

/** Browser mode's services on a data directory, and the backend serving them. */
export function loadBrowserBackend(dataDir: string, appRoot: string): { services: Services; backend: HostBackend } {
  const services = createNodeServices({ dataDir, appRoot })
  services.scheduler.start()
  return { services, backend: createHostBackend({ routes: appRoutes, services, media: services.workspace }) }
}
