// Binds the route table to ipcMain and the event bus to every window, checking
// that each call comes from the top frame of one of our windows showing our page.
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron'
import { fail, IPC_EVENT, IPC_INVOKE } from '../shared/contract'
import { dispatch } from '../routes/dispatch'
import type { RouteTable } from '../routes/route-table'
import type { Services } from '../services/services'

export function isTrustedSender(event: IpcMainInvokeEvent, isAppUrl: (url: string) => boolean): boolean {
  const frame = event.senderFrame
  if (!frame || frame.parent !== null) return false
  return isAppUrl(frame.url)
}

export function bindIpc(
  ipcMain: IpcMain,
  routes: RouteTable,
  services: Services,
  isAppUrl: (url: string) => boolean,
): void {
  ipcMain.handle(IPC_INVOKE, (event, channel: unknown, input: unknown) => {
    if (!isTrustedSender(event, isAppUrl)) {
      return fail('forbidden_sender', 'This frame may not call CallLens')
    }
    return dispatch(routes, services, channel, input)
  })
}

export function forwardEvents(services: Services, contents: WebContents): void {
  const unsubscribe = services.events.subscribe((event) => {
    if (!contents.isDestroyed()) contents.send(IPC_EVENT, event)
  })
  contents.once('destroyed', unsubscribe)
}
