// What the BYRobot and the team connection forms share: a required-field rule, and "Test" /
// "Save" that validate first, run one at a time, and turn the outcome into a line under the form.
import type { FormInstance } from 'element-plus'
import { ref, type Ref } from 'vue'
import { useI18n } from 'vue-i18n'
import type { ProfileView } from '@shared/contract'
import { useErrorMessage } from './useErrorMessage'

export interface FormOutcome {
  type: 'success' | 'error'
  text: string
}

export function useConnectionForm(actions: {
  formRef: Ref<FormInstance | undefined>
  /** Tries the connection; says how it went. */
  test(): Promise<FormOutcome>
  /** Stores the profile. */
  save(): Promise<ProfileView>
  saved(profile: ProfileView): void
}) {
  const { t } = useI18n()
  const errorMessage = useErrorMessage()
  const busy = ref<'test' | 'save' | null>(null)
  const outcome = ref<FormOutcome | null>(null)

  const required = (field: string) => ({ required: true, message: t('profile.required', { field }), trigger: 'blur' })

  async function run(kind: 'test' | 'save'): Promise<void> {
    if (!(await actions.formRef.value?.validate().catch(() => false))) return
    busy.value = kind
    outcome.value = null
    try {
      if (kind === 'test') outcome.value = await actions.test()
      else actions.saved(await actions.save())
    } catch (error) {
      outcome.value = { type: 'error', text: errorMessage(error) }
    } finally {
      busy.value = null
    }
  }

  return { busy, outcome, required, run }
}
