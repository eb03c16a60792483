import type { CallLensBridge } from '../electron/shared/bridge'

declare global {
  interface Window {
    calllens?: CallLensBridge
  }
}
