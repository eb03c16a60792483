// An export from the app: the request carries the UI's language (the file's headers follow it),
// a download link is opened here, and `exporting` says one is under way.
import { ref } from 'vue'
import { useI18n } from 'vue-i18n'
import type { ExportRequestInput, ExportResult, Language } from '@shared/contract'
import { exportApi } from '../api'
import { openDownload } from './useDownload'

export function useExport() {
  const { locale } = useI18n()
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

  return { exporting, run }
}
