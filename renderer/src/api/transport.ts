// How the api client reaches main: IPC through the preload, or HTTP to the browser-mode host.
import type { AppEvent, Result } from '@shared/contract'

export interface Transport {
  invoke(channel: string, input: unknown): Promise<Result<unknown>>
  onEvent(listener: (event: AppEvent) => void): () => void
}
