// Keys and actions as the reviewer reads them, in the UI's language: `Shift+←`, `J 或 ↓`, `空格`,
// each slot's label (the intent action's with its letter), and the effective keys of a slot.
import { computed } from 'vue'
import { useI18n } from 'vue-i18n'
import { useSettingsStore } from '../stores/settings'
import { comboParts, resolveKeymap, type KeyBinding, type KeyCombo, type KeySlot } from './keymap'

const KEY_NAMES: Record<string, 'space' | 'shift' | 'escape'> = { Space: 'space', Shift: 'shift', Esc: 'escape' }

export function useKeyLabels() {
  const { t } = useI18n()
  const partText = (part: string): string => {
    const name = KEY_NAMES[part]
    return name ? t(`player.keyNames.${name}`) : part
  }
  /** One combo's parts, each translated where it has a name (`Space` → `空格`). */
  const comboPartsText = (combo: KeyCombo): string[] => comboParts(combo).map(partText)
  const comboText = (combo: KeyCombo): string => comboPartsText(combo).join('+')
  /** All combos of a binding: `J 或 ↓`; `—` when it has none. */
  const bindingText = (binding: Pick<KeyBinding, 'combos'> | undefined): string =>
    binding && binding.combos.length > 0 ? binding.combos.map(comboText).join(t('player.keySeparator')) : '—'
  const slotLabel = (slot: Pick<KeySlot, 'action' | 'arg'>): string =>
    t(`keys.${slot.action}`, { letter: slot.arg ?? '' })
  return { comboPartsText, comboText, bindingText, slotLabel }
}

/** The reviewer's effective keys for a slot id as text (`J 或 ↓`), for hints and tooltips. */
export function useEffectiveKeys(): (id: string) => string {
  const settings = useSettingsStore()
  const { bindingText } = useKeyLabels()
  const bindings = computed(() => resolveKeymap(settings.settings.keymap))
  return (id) => bindingText(bindings.value.find((binding) => binding.id === id))
}
