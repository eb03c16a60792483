/// <reference types="vite/client" />
import type { CallLensBridge } from '@shared/bridge'

declare global {
  interface Window {
    /** Present only inside the Electron app (set by the preload). */
    calllens?: CallLensBridge
  }
}

declare module '*.vue' {
  import type { DefineComponent } from 'vue'
  const component: DefineComponent<object, object, unknown>
  export default component
}
