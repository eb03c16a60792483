// What the preload puts on `window.calllens`; the renderer's IPC transport uses it.
import type { AppEvent, Result } from './contract'

export interface CallLensBridge {
  invoke(channel: string, input: unknown): Promise<Result<unknown>>
  onEvent(listener: (event: AppEvent) => void): () => void
}
