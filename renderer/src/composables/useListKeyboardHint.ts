// "K or ↑ / J or ↓ to select, Enter to open" from the effective keymap, for the call list's hint.
import { computed, type ComputedRef } from 'vue'
import { useI18n } from 'vue-i18n'
import { useEffectiveKeys } from './useKeyLabels'

export function useListKeyboardHint(): ComputedRef<string> {
  const { t } = useI18n()
  const keys = useEffectiveKeys()
  return computed(() =>
    t('callList.keyboardHint', { select: `${keys('previousRow')} / ${keys('nextRow')}`, open: keys('openRow') }),
  )
}
