import { describe, expect, it } from 'vitest'
import { speakerSchema } from '@shared/contract'
import en from '../../i18n/en'
import zhCN from '../../i18n/zh-CN'
import { KEYMAP_ACTIONS, KEYMAP_GROUPS } from '../../composables/keymap'

// Keys built at runtime (`keys.${action}`) escape the type check on t(); check them here.
describe.each([
  ['zh-CN', zhCN],
  ['en', en],
])('the %s player strings', (_name, messages) => {
  it('name every shortcut action', () => {
    for (const action of KEYMAP_ACTIONS) expect(messages.keys[action], action).toMatch(/\S/)
    // The intent action is one label for six keys: it must say which letter each one sets.
    expect(messages.keys.correctIntent).toContain('{letter}')
  })

  it('name every speaker and shortcut group', () => {
    for (const speaker of speakerSchema.options) expect(messages.player.speakers[speaker]).toMatch(/\S/)
    for (const group of Object.keys(KEYMAP_GROUPS)) {
      expect(messages.player.shortcutGroups[group as keyof typeof KEYMAP_GROUPS]).toMatch(/\S/)
    }
  })
})
