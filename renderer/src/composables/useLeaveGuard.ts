// Leaving the review page, or closing the window, waits for the draft to be stored: the page
// waits a few seconds, then lets the reviewer decide; the window asks with the browser's own prompt.
import { ElMessageBox } from 'element-plus'
import 'element-plus/es/components/message-box/style/css'
import { onBeforeUnmount, ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { onBeforeRouteLeave } from 'vue-router'
import { useReviewStore } from '../stores/review'

/** How long leaving waits for the draft to be stored before asking. */
const LEAVE_WAIT_MS = 3000

export function useLeaveGuard() {
  const { t } = useI18n()
  const review = useReviewStore()
  /** True while leaving waits for the draft (the save state says so). */
  const leaving = ref(false)

  onBeforeRouteLeave(async () => {
    leaving.value = true
    try {
      if (await review.flush(LEAVE_WAIT_MS)) return true
      // The draft is kept and retried either way; staying lets the reviewer watch it being saved.
      return await ElMessageBox.confirm(t('review.unsavedLeave'), t('review.unsavedTitle'), {
        confirmButtonText: t('review.leaveAnyway'),
        cancelButtonText: t('review.stay'),
        type: 'warning',
      }).then(
        () => true,
        () => false,
      )
    } finally {
      leaving.value = false
    }
  })

  function onUnload(event: BeforeUnloadEvent): void {
    void review.flush()
    if (!review.hasUnsaved()) return
    event.preventDefault()
    event.returnValue = ''
  }
  window.addEventListener('beforeunload', onUnload)
  onBeforeUnmount(() => window.removeEventListener('beforeunload', onUnload))

  return { leaving }
}
