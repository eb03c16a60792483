// Browser mode's events: every listener of the page shares one stream from the host.
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { AppEvent } from '@shared/contract'
import { createHttpTransport } from './http-transport'
import { TransportError } from './transport'

/** A fetch stub whose /api/events replies are streams the test writes to. */
function stubEventStreams() {
  const streams: { push(event: AppEvent): void; signal: AbortSignal }[] = []
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init: RequestInit) => {
      expect(url).toBe('/api/events')
      let controller!: ReadableStreamDefaultController<Uint8Array>
      const body = new ReadableStream<Uint8Array>({ start: (c) => (controller = c) })
      const signal = init.signal!
      signal.addEventListener('abort', () => controller.error(new DOMException('aborted', 'AbortError')))
      streams.push({
        push: (event) => controller.enqueue(new TextEncoder().encode(`data: ${JSON.stringify(event)}\n\n`)),
        signal,
      })
      return new Response(body)
    }),
  )
  return streams
}

const progress = { name: 'sync.progress', payload: { phase: 'calls' } } as unknown as AppEvent

describe('http transport events', () => {
  afterEach(() => vi.unstubAllGlobals())

  it('opens one stream for every listener and closes it when the last one leaves', async () => {
    const streams = stubEventStreams()
    const transport = createHttpTransport('token')
    const first: AppEvent[] = []
    const second: AppEvent[] = []
    const leaveFirst = transport.onEvent((event) => first.push(event))
    const leaveSecond = transport.onEvent((event) => second.push(event))
    await vi.waitFor(() => expect(streams).toHaveLength(1))

    streams[0]!.push(progress)
    await vi.waitFor(() => expect(second).toEqual([progress]))
    expect(first).toEqual([progress])

    leaveFirst()
    expect(streams[0]!.signal.aborted).toBe(false)
    leaveSecond()
    expect(streams[0]!.signal.aborted).toBe(true)
    expect(fetch).toHaveBeenCalledTimes(1)
  })

  it('opens a new stream for a listener that comes after all had left', async () => {
    const streams = stubEventStreams()
    const transport = createHttpTransport('token')
    transport.onEvent(() => undefined)()
    const seen: AppEvent[] = []
    transport.onEvent((event) => seen.push(event))
    await vi.waitFor(() => expect(streams).toHaveLength(2))
    streams[1]!.push(progress)
    await vi.waitFor(() => expect(seen).toEqual([progress]))
  })
})

describe('http transport calls', () => {
  afterEach(() => vi.unstubAllGlobals())

  it('hands back the host’s result, a failure included', async () => {
    const failure = { ok: false, error: { code: 'no_profile', message: 'No connection profile is active' } }
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => Response.json(failure)),
    )
    await expect(createHttpTransport('token').invoke('tasks.list', {})).resolves.toEqual(failure)
  })

  it('rejects with a TransportError when the host cannot be reached', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => {
        throw new TypeError('Failed to fetch')
      }),
    )
    const call = createHttpTransport('token').invoke('tasks.list', {})
    await expect(call).rejects.toBeInstanceOf(TransportError)
    await expect(call).rejects.toThrow('tasks.list')
  })

  it('rejects with a TransportError when the answer is not a result', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response('<html>502 Bad Gateway</html>', { status: 502 })),
    )
    await expect(createHttpTransport('token').invoke('tasks.list', {})).rejects.toThrow('HTTP 502 without a result')
  })
})
