// The README's keyboard table, built from the keymap registry and the English labels, so the
// README cannot drift from the keys the app really has (keymap-table.test.ts compares them).
import en from '../i18n/en'
import { comboLabel, KEY_GROUPS, resolveKeymap } from './keymap'

export const TABLE_START = '<!-- keymap-table:start (generated from renderer/src/composables/keymap.ts) -->'
export const TABLE_END = '<!-- keymap-table:end -->'

/** The default keymap as a Markdown table: page section, keys as printed, what they do. */
export function keymapTable(): string {
  const bindings = resolveKeymap()
  const rows = KEY_GROUPS.flatMap((group) =>
    bindings
      .filter((binding) => binding.group === group)
      .map((binding) => [
        en.player.shortcutGroups[group],
        binding.combos.map((combo) => `\`${comboLabel(combo)}\``).join(' or '),
        en.keys[binding.action].replace('{letter}', binding.arg ?? ''),
      ]),
  )
  const escape = (cell: string) => cell.replaceAll('|', '\\|')
  return [['group', 'keys', 'action'], ['-', '-', '-'], ...rows]
    .map((cells) => `| ${cells.map(escape).join(' | ')} |`)
    .join('\n')
}
