// Browser mode: the same calls over HTTP to the loopback host, authorised by the
// per-launch token the host printed in the URL fragment (#token=…).
import type { AppEvent, Result } from '@shared/contract'
import { TransportError, type Transport } from './transport'

const TOKEN_KEY = 'calllens.token'
const RECONNECT_MS = 1000

/** Takes the token out of the URL (so it is not left in history or screenshots) and keeps it for this tab. */
export function takeToken(): string {
  const match = /(?:^#|&)token=([A-Za-z0-9_-]+)/.exec(window.location.hash)
  if (match?.[1]) {
    sessionStorage.setItem(TOKEN_KEY, match[1])
    window.history.replaceState(null, '', `${window.location.pathname}${window.location.search}#/`)
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? ''
}

function parseEvents(buffer: string, emit: (event: AppEvent) => void): string {
  const blocks = buffer.split('\n\n')
  const rest = blocks.pop() ?? ''
  for (const block of blocks) {
    const data = block
      .split('\n')
      .filter((line) => line.startsWith('data: '))
      .map((line) => line.slice('data: '.length))
      .join('\n')
    if (data) emit(JSON.parse(data) as AppEvent)
  }
  return rest
}

/**
 * The host's event stream, reconnecting after a drop until aborted. One for every listener of the
 * page: each stream holds one of the browser's six connections to the host for good.
 */
function openEventStream(headers: Record<string, string>, emit: (event: AppEvent) => void): AbortController {
  const controller = new AbortController()
  const connect = async (): Promise<void> => {
    while (!controller.signal.aborted) {
      try {
        const response = await fetch('/api/events', { headers, signal: controller.signal })
        if (!response.body) throw new Error('no event stream')
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader()
        let buffer = ''
        for (;;) {
          const { value, done } = await reader.read()
          if (done) break
          buffer = parseEvents(buffer + value, emit)
        }
      } catch {
        if (controller.signal.aborted) return
      }
      await new Promise((resolve) => setTimeout(resolve, RECONNECT_MS))
    }
  }
  void connect()
  return controller
}

export function createHttpTransport(token: string): Transport {
  const headers = { Authorization: `Bearer ${token}` }
  const listeners = new Set<(event: AppEvent) => void>()
  let stream: AbortController | null = null
  return {
    async invoke(channel, input) {
      let response: Response
      try {
        response = await fetch('/api/invoke', {
          method: 'POST',
          headers: { ...headers, 'Content-Type': 'application/json' },
          body: JSON.stringify({ channel, input }),
        })
      } catch (error) {
        throw new TransportError(`${channel}: the CallLens host did not answer`, { cause: error })
      }
      // The host answers every request it handles with a Result, errors included; anything else
      // (a proxy's page, a host killed mid-answer) is the transport's failure, not main's.
      const result = (await response.json().catch(() => null)) as Result<unknown> | null
      if (result === null || typeof result !== 'object' || typeof result.ok !== 'boolean') {
        throw new TransportError(`${channel}: the CallLens host answered HTTP ${response.status} without a result`)
      }
      return result
    },
    onEvent(listener) {
      listeners.add(listener)
      stream ??= openEventStream(headers, (event) => {
        for (const each of [...listeners]) each(event)
      })
      return () => {
        listeners.delete(listener)
        if (listeners.size > 0) return
        stream?.abort()
        stream = null
      }
    },
  }
}
