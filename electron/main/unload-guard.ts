// Closing a window whose page holds a review not stored yet: the page's beforeunload asks to stay,
// and Electron shows nothing by itself — so main asks the reviewer, in the UI's language, saying
// whether main's draft journal holds those edits (then the next start saves them).
import type { BrowserWindow, Dialog } from 'electron'
import type { Language } from '../shared/contract'

const TEXT: Record<Language, { message: string; detail: string; kept: string; close: string; stay: string }> = {
  'zh-CN': {
    message: '还有审核记录没保存',
    detail: '有通话的审核记录还没能保存到本机（正在自动重试）。现在关闭会丢失这些修改。',
    kept: '有通话的审核记录还没能保存到本机（正在自动重试）。这些修改已暂存，下次打开 CallLens 时会接着保存。',
    close: '仍然关闭',
    stay: '留下',
  },
  en: {
    message: 'A review is not saved yet',
    detail: 'A call’s review could not be stored yet (it is retrying on its own). Closing now loses those edits.',
    kept: 'A call’s review could not be stored yet (it is retrying on its own). Its edits are kept, and saved the next time CallLens opens.',
    close: 'Close anyway',
    stay: 'Stay',
  },
}

export function guardUnload(
  window: Pick<BrowserWindow, 'webContents'>,
  dialog: Pick<Dialog, 'showMessageBoxSync'>,
  language: () => Language,
  /** How many drafts main's journal holds for the open profile. */
  journaledDrafts: () => number = () => 0,
): void {
  window.webContents.on('will-prevent-unload', (event) => {
    const text = TEXT[language()]
    const choice = dialog.showMessageBoxSync(window as BrowserWindow, {
      type: 'warning',
      buttons: [text.close, text.stay],
      defaultId: 1,
      cancelId: 1,
      message: text.message,
      detail: journaledDrafts() > 0 ? text.kept : text.detail,
    })
    // preventDefault here overrides the page's beforeunload: the window closes.
    if (choice === 0) event.preventDefault()
  })
}
