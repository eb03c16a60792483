// Fan-out of main→renderer events to whichever transports are listening.
import type { AppEvent, EventName, EventPayload } from '../../shared/contract'

export type EventListener = (event: AppEvent) => void

export class EventBus {
  private readonly listeners = new Set<EventListener>()

  emit<N extends EventName>(name: N, payload: EventPayload<N>): void {
    const event = { name, payload } as AppEvent
    for (const listener of this.listeners) {
      try {
        listener(event)
      } catch (error) {
        // One broken subscriber (a closed window, a dropped socket) must not starve the others.
        console.error('CallLens: event listener failed:', error instanceof Error ? error.message : error)
      }
    }
  }

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }
}
