import type { CallLensBridge } from '@shared/bridge'
import { TransportError, type Transport } from './transport'

export function createIpcTransport(bridge: CallLensBridge): Transport {
  return {
    invoke: (channel, input) =>
      bridge.invoke(channel, input).catch((error: unknown) => {
        throw new TransportError(`${channel}: the CallLens main process did not answer`, { cause: error })
      }),
    onEvent: (listener) => bridge.onEvent(listener),
  }
}
