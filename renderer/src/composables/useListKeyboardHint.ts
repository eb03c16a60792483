// "K or ↑ / J or ↓ to select, Enter to open" from the effective keymap, for the call list's hint.
import { computed, type ComputedRef } from 'vue'
import { useI18n } from 'vue-i18n'
import { useSettingsStore } from '../stores/settings'
import { resolveKeymap } from './keymap'
import { useKeyLabels } from './useKeyLabels'

export function useListKeyboardHint(): ComputedRef<string> {
  const { t } = useI18n()
  const settings = useSettingsStore()
  const { bindingText } = useKeyLabels()
  return computed(() => {
    const bindings = resolveKeymap(settings.settings.keymap)
    const keys = (id: string) => bindingText(bindings.find((binding) => binding.id === id))
    return t('callList.keyboardHint', {
      select: `${keys('previousRow')} / ${keys('nextRow')}`,
      open: keys('openRow'),
    })
  })
}
