// Turns any failure into a sentence in the reviewer's language.
import { useI18n } from 'vue-i18n'
import { ApiError } from '../api'

export function useErrorMessage() {
  const { t } = useI18n()
  return (error: unknown): string => {
    if (error instanceof ApiError) return t(`errors.${error.code}`, { message: error.message })
    return t('errors.offline')
  }
}
