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

export function createApiClient(transport: Transport) {
  return {
    async call<N extends ChannelName>(channel: N, input?: ChannelInput<N>): Promise<ChannelOutput<N>> {
      const result = await transport.invoke(channel, input)
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
