// Turns any failure into a sentence in the reviewer's language (the detail: describe-error.ts).
import { useI18n } from 'vue-i18n'
import { describeError } from './describe-error'

export function useErrorMessage() {
  const { t } = useI18n()
  return (error: unknown): string => describeError(error, t).text
}
