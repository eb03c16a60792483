// The renderer's one door to main: typed calls by channel, errors thrown as ApiError.
import type {
  AppError,
  AppEvent,
  ChannelInput,
  ChannelName,
  ChannelOutput,
  ErrorCode,
  EventName,
  EventPayload,
  Result,
} from '@shared/contract'
import type { Transport } from './transport'

export class ApiError extends Error {
  readonly code: ErrorCode
  readonly details: unknown

  constructor(error: AppError) {
    super(error.message)
    this.name = 'ApiError'
    this.code = error.code
    this.details = error.details
  }
}

/** How long an answer asked for ahead stays usable: start-up's calls come within a second or two. */
const EARLY_ANSWER_MS = 10_000

/**
 * Channels that only read. Any other call may change what an answer sent ahead describes (a
 * profile created, switched or removed, a sync started), so it drops them all: the task list asked
 * for before the demo's profile existed must not answer the task list asked for after it.
 */
const READS_ONLY: ReadonlySet<ChannelName> = new Set<ChannelName>([
  'app.info',
  'settings.get',
  'profiles.list',
  'reviews.categories',
  'profiles.usage',
  'profiles.test',
  'profiles.connection',
  'sync.status',
  'tasks.list',
  'tasks.get',
  'tasks.notDialed',
  'calls.query',
  'calls.facets',
  'calls.neighbour',
  'calls.progress',
  'calls.get',
  'calls.open',
  'media.recording',
  'reviews.get',
  // It drops journaled drafts older than their stored review: no answer sent ahead describes those.
  'reviews.pending',
  // Asked by the shell as it mounts, before the first view asks for its data. It may start the
  // active team profile's connection, whose pulls are announced by events (the stores reload on
  // them) like any background sync's: it changes nothing an answer sent ahead describes.
  'team.status',
  'reviews.list',
  'export.calls',
  'insights.report',
])

export function createApiClient(transport: Transport) {
  /** Calls sent ahead of their first use, by channel and input; each answers one call. */
  const early = new Map<string, { sentAt: number; reply: Promise<Result<unknown>> }>()
  const keyOf = (channel: string, input: unknown) => `${channel} ${JSON.stringify(input ?? null)}`

  function takeEarly(key: string): Promise<Result<unknown>> | undefined {
    const sent = early.get(key)
    early.delete(key)
    return sent && performance.now() - sent.sentAt < EARLY_ANSWER_MS ? sent.reply : undefined
  }

  return {
    /** Sends a call now; the first `call` with the same channel and input takes its answer. */
    prefetch<N extends ChannelName>(channel: N, input?: ChannelInput<N>): void {
      const key = keyOf(channel, input)
      if (early.has(key)) return
      const reply = transport.invoke(channel, input)
      // Its failure belongs to the call that takes it (or to nobody, if none comes).
      reply.catch(() => undefined)
      early.set(key, { sentAt: performance.now(), reply })
    },
    async call<N extends ChannelName>(channel: N, input?: ChannelInput<N>): Promise<ChannelOutput<N>> {
      if (!READS_ONLY.has(channel)) early.clear()
      const result = await (takeEarly(keyOf(channel, input)) ?? transport.invoke(channel, input))
      if (!result.ok) throw new ApiError(result.error)
      return result.value as ChannelOutput<N>
    },
    on<N extends EventName>(name: N, listener: (payload: EventPayload<N>) => void): () => void {
      return transport.onEvent((event: AppEvent) => {
        if (event.name === name) listener(event.payload as EventPayload<N>)
      })
    },
  }
}

export type ApiClient = ReturnType<typeof createApiClient>
