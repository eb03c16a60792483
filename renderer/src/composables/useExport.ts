// An export from the app: the request carries the UI's language (the file's headers follow it),
// a download link is opened here, `exporting` says one is under way, `tell` says where it went.
import { ElMessage } from 'element-plus'
import 'element-plus/es/components/message/style/css'
import { ref } from 'vue'
import { useI18n } from 'vue-i18n'
import type { ExportRequestInput, ExportResult, Language } from '@shared/contract'
import { exportApi } from '../api'
import { openDownload } from './useDownload'

export function useExport() {
  const { locale, t } = useI18n()
  const exporting = ref(false)

  async function run(request: Omit<ExportRequestInput, 'language'>): Promise<ExportResult> {
    exporting.value = true
    try {
      const result = await exportApi.run({ ...request, language: locale.value as Language })
      if (result.outcome === 'download') openDownload(result)
      return result
    } finally {
      exporting.value = false
    }
  }

  /** Tells the reviewer how many rows went to which file (nothing when the save was cancelled). */
  function tell(result: ExportResult): void {
    if (result.outcome === 'saved') {
      ElMessage.success(t('callList.exportSaved', { count: result.rows, file: result.path }))
    } else if (result.outcome === 'download') {
      ElMessage.success(t('callList.exportDownload', { count: result.rows, file: result.fileName }))
    }
  }

  return { exporting, run, tell }
}
