// "Copy a link to this moment": in the app a calllens:// link (it opens CallLens there), in browser
// mode the host page's own address of the call at that time.
import { ElMessage } from 'element-plus'
import 'element-plus/es/components/message/style/css'
import { useI18n } from 'vue-i18n'
import { momentLink } from './moment-link'

/** The browser's clipboard, else the old copy command (a focused page may be refused the former). */
async function writeClipboard(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text)
    return true
  } catch {
    const area = document.createElement('textarea')
    area.value = text
    area.setAttribute('readonly', '')
    area.style.position = 'fixed'
    area.style.opacity = '0'
    document.body.append(area)
    area.select()
    try {
      return document.execCommand('copy')
    } finally {
      area.remove()
    }
  }
}

export function useMomentLink() {
  const { t } = useI18n()
  return {
    async copy(callInstanceId: number, atMs: number): Promise<string> {
      const link = momentLink(
        { callInstanceId, atMs: Math.max(0, Math.round(atMs)) },
        { electron: window.calllens !== undefined, pageUrl: window.location.href },
      )
      if (await writeClipboard(link)) ElMessage.success(t('review.linkCopied', { link }))
      // Shown, so it can still be copied by hand.
      else ElMessage.warning(t('review.linkCopyFailed', { link }))
      return link
    },
  }
}
