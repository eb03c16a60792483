import { describe, expect, it } from 'vitest'
import {
  DEFAULT_KEYMAP,
  KEYMAP_ACTIONS,
  KEYMAP_GROUPS,
  comboParts,
  isEditableTarget,
  matchAction,
  parseCombo,
  parseCombos,
  resolveKeymap,
  serializeCombos,
  type KeyEventLike,
} from './keymap'

function key(code: string, key: string, mods: Partial<KeyEventLike> = {}): KeyEventLike {
  return { code, key, ctrlKey: false, altKey: false, shiftKey: false, metaKey: false, ...mods }
}

const defaults = resolveKeymap()

describe('default keymap', () => {
  it('binds every action, and each action appears in exactly one sheet group', () => {
    for (const action of KEYMAP_ACTIONS) expect(DEFAULT_KEYMAP[action].length).toBeGreaterThan(0)
    const grouped = Object.values(KEYMAP_GROUPS).flat()
    expect([...grouped].sort()).toEqual([...KEYMAP_ACTIONS].sort())
  })

  it('gives no two actions the same combo', () => {
    const all = defaults.flatMap((b) => b.combos.map((c) => JSON.stringify(c)))
    expect(new Set(all).size).toBe(all.length)
  })

  it('maps the reviewer keys by physical key', () => {
    expect(matchAction(defaults, key('Space', ' '))).toBe('playPause')
    expect(matchAction(defaults, key('KeyJ', 'j'))).toBe('nextLine')
    expect(matchAction(defaults, key('ArrowDown', 'ArrowDown'))).toBe('nextLine')
    expect(matchAction(defaults, key('KeyK', 'k'))).toBe('previousLine')
    expect(matchAction(defaults, key('ArrowUp', 'ArrowUp'))).toBe('previousLine')
    expect(matchAction(defaults, key('KeyR', 'r'))).toBe('replayLine')
    expect(matchAction(defaults, key('KeyL', 'l'))).toBe('loopLine')
    expect(matchAction(defaults, key('BracketLeft', '['))).toBe('slower')
    expect(matchAction(defaults, key('BracketRight', ']'))).toBe('faster')
    expect(matchAction(defaults, key('KeyN', 'n'))).toBe('nextCall')
    expect(matchAction(defaults, key('KeyP', 'p'))).toBe('previousCall')
    expect(matchAction(defaults, key('KeyC', 'c'))).toBe('comment')
  })

  it('tells the short seek from the long one by Shift', () => {
    expect(matchAction(defaults, key('ArrowLeft', 'ArrowLeft'))).toBe('seekBack')
    expect(matchAction(defaults, key('ArrowRight', 'ArrowRight'))).toBe('seekForward')
    expect(matchAction(defaults, key('ArrowLeft', 'ArrowLeft', { shiftKey: true }))).toBe('seekBackLong')
    expect(matchAction(defaults, key('ArrowRight', 'ArrowRight', { shiftKey: true }))).toBe('seekForwardLong')
  })

  it('takes the verdicts from the number row and the keypad', () => {
    expect(matchAction(defaults, key('Digit1', '1'))).toBe('verdictPass')
    expect(matchAction(defaults, key('Digit2', '2'))).toBe('verdictFail')
    expect(matchAction(defaults, key('Numpad3', '3'))).toBe('verdictFollowUp')
  })

  it('opens the help with ? however Shift produces it', () => {
    expect(matchAction(defaults, key('Slash', '?', { shiftKey: true }))).toBe('help')
    expect(matchAction(defaults, key('Slash', '/'))).toBeNull()
  })

  it('leaves browser and system combos alone', () => {
    expect(matchAction(defaults, key('KeyC', 'c', { ctrlKey: true }))).toBeNull()
    expect(matchAction(defaults, key('KeyR', 'r', { metaKey: true }))).toBeNull()
    expect(matchAction(defaults, key('KeyJ', 'J', { shiftKey: true }))).toBeNull()
    expect(matchAction(defaults, key('Space', ' ', { altKey: true }))).toBeNull()
  })

  it('falls back to the printed letter when the event carries no code', () => {
    expect(matchAction(defaults, key('', 'j'))).toBe('nextLine')
    expect(matchAction(defaults, key('Unidentified', 'K'))).toBe('previousLine')
  })
})

describe('overrides from settings', () => {
  it('replace the combos of the overridden action only', () => {
    const bindings = resolveKeymap({ nextLine: 'F' })
    expect(matchAction(bindings, key('KeyF', 'f'))).toBe('nextLine')
    expect(matchAction(bindings, key('KeyJ', 'j'))).toBeNull()
    expect(matchAction(bindings, key('ArrowDown', 'ArrowDown'))).toBeNull()
    expect(matchAction(bindings, key('KeyK', 'k'))).toBe('previousLine')
  })

  it('accept several combos in one value', () => {
    const bindings = resolveKeymap({ playPause: 'Space, Ctrl+Enter, K' })
    expect(matchAction(bindings, key('Space', ' '))).toBe('playPause')
    expect(matchAction(bindings, key('Enter', 'Enter', { ctrlKey: true }))).toBe('playPause')
    expect(matchAction(bindings, key('KeyK', 'k'))).toBe('playPause')
  })

  it('take a remapped key away from the action that had it by default', () => {
    const bindings = resolveKeymap({ playPause: 'K' })
    expect(bindings.find((b) => b.action === 'previousLine')?.combos.map((c) => c.key)).toEqual(['ArrowUp'])
  })

  it('ignore unknown actions and values that are not combos', () => {
    const bindings = resolveKeymap({ launchRockets: 'X', slower: 'Hyper+Q+' })
    expect(matchAction(bindings, key('KeyX', 'x'))).toBeNull()
    expect(matchAction(bindings, key('BracketLeft', '['))).toBe('slower')
  })

  it('round-trip through the settings spelling', () => {
    const value = serializeCombos(['J', 'ArrowDown', 'Shift+ArrowLeft'])
    expect(value).toBe('J, ArrowDown, Shift+ArrowLeft')
    expect(parseCombos(value).map((c) => c.key)).toEqual(['KeyJ', 'ArrowDown', 'ArrowLeft'])
  })
})

describe('parseCombo', () => {
  it('understands friendly spellings', () => {
    expect(parseCombo('space')).toMatchObject({ key: 'Space', byCode: true })
    expect(parseCombo('[')).toMatchObject({ key: 'BracketLeft', byCode: true })
    expect(parseCombo('shift+left')).toMatchObject({ key: 'ArrowLeft', shift: true })
    expect(parseCombo('Ctrl++')).toMatchObject({ key: '+', ctrl: true, byCode: false })
  })

  it('rejects empty and malformed text', () => {
    expect(parseCombo('')).toBeNull()
    expect(parseCombo('Shift+')).toBeNull()
    expect(parseCombo('Foo+J')).toBeNull()
    expect(parseCombo('<script>')).toBeNull()
  })

  it('splits display parts for the shortcut sheet', () => {
    expect(comboParts(parseCombo('Shift+ArrowLeft')!)).toEqual(['Shift', '←'])
    expect(comboParts(parseCombo('BracketRight')!)).toEqual([']'])
    expect(comboParts(parseCombo('J')!)).toEqual(['J'])
    expect(comboParts(parseCombo('Space')!)).toEqual(['Space'])
  })
})

describe('isEditableTarget', () => {
  it('is true for text fields and editable content', () => {
    expect(isEditableTarget({ tagName: 'INPUT', type: 'text' })).toBe(true)
    expect(isEditableTarget({ tagName: 'INPUT', type: 'search' })).toBe(true)
    expect(isEditableTarget({ tagName: 'INPUT' })).toBe(true)
    expect(isEditableTarget({ tagName: 'TEXTAREA' })).toBe(true)
    expect(isEditableTarget({ tagName: 'SELECT' })).toBe(true)
    expect(isEditableTarget({ tagName: 'DIV', isContentEditable: true })).toBe(true)
  })

  it('is false for buttons, check boxes and the page itself', () => {
    expect(isEditableTarget({ tagName: 'BUTTON' })).toBe(false)
    expect(isEditableTarget({ tagName: 'INPUT', type: 'checkbox' })).toBe(false)
    expect(isEditableTarget({ tagName: 'BODY', isContentEditable: false })).toBe(false)
    expect(isEditableTarget(null)).toBe(false)
  })
})
