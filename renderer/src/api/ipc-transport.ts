import type { CallLensBridge } from '@shared/bridge'
import type { Transport } from './transport'

export function createIpcTransport(bridge: CallLensBridge): Transport {
  return {
    invoke: (channel, input) => bridge.invoke(channel, input),
    onEvent: (listener) => bridge.onEvent(listener),
  }
}
