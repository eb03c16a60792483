// How the api client reaches main: IPC through the preload, or HTTP to the browser-mode host.
import type { AppEvent, Result } from '@shared/contract'

export interface Transport {
  /** Rejects with TransportError only when main could not be asked or answered no result. */
  invoke(channel: string, input: unknown): Promise<Result<unknown>>
  onEvent(listener: (event: AppEvent) => void): () => void
}

/**
 * Main (the browser-mode host, or the IPC bridge) could not be reached or answered something that
 * is not a result — as opposed to a failure main reports (ApiError) or a bug in the renderer.
 */
export class TransportError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.name = 'TransportError'
  }
}
