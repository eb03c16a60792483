// The preload: exposes the typed api (invoke a channel, listen to events) and nothing else.
import { contextBridge, ipcRenderer } from 'electron'
import { IPC_EVENT, IPC_INVOKE, type AppEvent } from '../shared/contract'
import type { CallLensBridge } from '../shared/bridge'

const bridge: CallLensBridge = {
  invoke: (channel, input) => ipcRenderer.invoke(IPC_INVOKE, channel, input),
  onEvent: (listener) => {
    const handler = (_event: unknown, message: AppEvent): void => listener(message)
    ipcRenderer.on(IPC_EVENT, handler)
    return () => {
      ipcRenderer.off(IPC_EVENT, handler)
    }
  },
}

contextBridge.exposeInMainWorld('calllens', bridge)
