import { describe, expect, it } from 'vitest'
import {
  DEFAULT_KEYMAP,
  KEYMAP_ACTIONS,
  KEYMAP_GROUPS,
  KEY_SLOTS,
  comboParts,
  comboFromEvent,
  comboLabel,
  comboToString,
  findConflict,
  isEditableTarget,
  matchBinding,
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
    for (const slot of KEY_SLOTS) expect(DEFAULT_KEYMAP[slot.id]!.length, slot.id).toBeGreaterThan(0)
    expect(new Set(KEY_SLOTS.map((slot) => slot.action))).toEqual(new Set(KEYMAP_ACTIONS))
    const grouped = Object.values(KEYMAP_GROUPS).flat()
    expect([...grouped].sort()).toEqual([...KEYMAP_ACTIONS].sort())
  })

  it('gives no two actions of one context the same combo', () => {
    for (const context of ['list', 'review'] as const) {
      const all = defaults.filter((b) => b.context === context).flatMap((b) => b.combos.map(comboToString))
      expect(all.length).toBeGreaterThan(5)
      expect(new Set(all).size).toBe(all.length)
    }
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
    // The same key without Shift is find-in-call, not help.
    expect(matchAction(defaults, key('Slash', '/'))).toBe('findInCall')
  })

  it('finds in the call with Ctrl+F or /, and leaves Shift+F to the intent level', () => {
    expect(matchAction(defaults, key('KeyF', 'f', { ctrlKey: true }))).toBe('findInCall')
    expect(matchAction(defaults, key('KeyF', 'F', { shiftKey: true }))).toBe('correctIntent.F')
    expect(matchAction(defaults, key('KeyF', 'f', { ctrlKey: true }), 'list')).toBeNull()
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

describe('contexts', () => {
  it('give the same key to the call list and the review page without a clash', () => {
    expect(matchAction(defaults, key('KeyJ', 'j'), 'list')).toBe('nextRow')
    expect(matchAction(defaults, key('KeyJ', 'j'), 'review')).toBe('nextLine')
    expect(matchAction(defaults, key('Enter', 'Enter'), 'list')).toBe('openRow')
    expect(matchAction(defaults, key('NumpadEnter', 'Enter'), 'list')).toBe('openRow')
    expect(matchAction(defaults, key('Enter', 'Enter'), 'review')).toBeNull()
    expect(matchAction(defaults, key('Escape', 'Escape'), 'review')).toBe('backToList')
    expect(matchAction(defaults, key('Escape', 'Escape'), 'list')).toBeNull()
  })

  it('walk the list by row, page and end', () => {
    expect(matchAction(defaults, key('ArrowDown', 'ArrowDown'), 'list')).toBe('nextRow')
    expect(matchAction(defaults, key('KeyK', 'k'), 'list')).toBe('previousRow')
    expect(matchAction(defaults, key('PageDown', 'PageDown'), 'list')).toBe('pageDown')
    expect(matchAction(defaults, key('PageUp', 'PageUp'), 'list')).toBe('pageUp')
    expect(matchAction(defaults, key('Home', 'Home'), 'list')).toBe('firstRow')
    expect(matchAction(defaults, key('End', 'End'), 'list')).toBe('lastRow')
  })
})

describe('Caps Lock and layouts', () => {
  it('match by physical key: a capital letter from Caps Lock is still the plain key', () => {
    expect(matchAction(defaults, key('KeyJ', 'J'), 'list')).toBe('nextRow')
    expect(matchAction(defaults, key('KeyK', 'K'), 'review')).toBe('previousLine')
    expect(matchAction(defaults, key('KeyN', 'N'), 'review')).toBe('nextCall')
  })

  it('match the key where it sits, whatever letter the layout prints on it', () => {
    // AZERTY prints A on the key QWERTY calls KeyQ; a Russian layout prints о on KeyJ.
    expect(matchAction(defaults, key('KeyJ', 'о'), 'review')).toBe('nextLine')
    expect(matchAction(defaults, key('KeyQ', 'a', { shiftKey: true }), 'review')).toBeNull()
  })
})

describe('the intent level action', () => {
  it('is one action carrying its letter, one binding per letter', () => {
    const binding = matchBinding(defaults, key('KeyB', 'B', { shiftKey: true }), 'review')
    expect(binding).toMatchObject({ id: 'correctIntent.B', action: 'correctIntent', arg: 'B' })
    expect(matchBinding(defaults, key('KeyF', 'F', { shiftKey: true }), 'review')?.arg).toBe('F')
    expect(matchBinding(defaults, key('KeyG', 'G', { shiftKey: true }), 'review')).toBeNull()
    expect(KEY_SLOTS.filter((slot) => slot.action === 'correctIntent').map((slot) => slot.arg)).toEqual([
      'A',
      'B',
      'C',
      'D',
      'E',
      'F',
    ])
  })

  it('can be remapped one letter at a time', () => {
    const bindings = resolveKeymap({ 'correctIntent.B': 'Alt+B' })
    expect(matchAction(bindings, key('KeyB', 'b', { altKey: true }))).toBe('correctIntent.B')
    expect(matchAction(bindings, key('KeyB', 'B', { shiftKey: true }))).toBeNull()
    expect(matchAction(bindings, key('KeyC', 'C', { shiftKey: true }))).toBe('correctIntent.C')
  })
})

describe('a remap to a key another action has', () => {
  it('is found as a conflict naming that action, within the same context only', () => {
    const shiftB = parseCombo('Shift+B')!
    expect(findConflict(defaults, 'nextLine', shiftB)?.id).toBe('correctIntent.B')
    expect(findConflict(defaults, 'nextLine', parseCombo('ArrowUp')!)?.id).toBe('previousLine')
    // J is the list's "next row" too, but that page is never active with the review page.
    expect(findConflict(defaults, 'comment', parseCombo('J')!)?.id).toBe('nextLine')
    expect(findConflict(defaults, 'nextRow', parseCombo('N')!)).toBeNull()
    expect(findConflict(defaults, 'nextLine', parseCombo('F')!)).toBeNull()
  })

  it('is no conflict with the action itself', () => {
    expect(findConflict(defaults, 'nextLine', parseCombo('ArrowDown')!)).toBeNull()
  })

  it('from a hand-edited settings file still fires only one action per key', () => {
    const bindings = resolveKeymap({ nextLine: 'Shift+B', comment: 'Shift+B' })
    expect(bindings.filter((b) => b.combos.some((c) => comboToString(c) === 'Shift+KeyB')).map((b) => b.id)).toEqual([
      'nextLine',
      'comment',
    ])
    expect(matchAction(bindings, key('KeyB', 'B', { shiftKey: true }))).toBe('nextLine')
    // The intent action on its default lost Shift+B to the overrides.
    expect(bindings.find((b) => b.id === 'correctIntent.B')?.combos).toEqual([])
  })
})

describe('keys as a person reads them', () => {
  it('never as KeyboardEvent.code names', () => {
    const label = (text: string) => comboLabel(parseCombo(text)!)
    expect(label('KeyJ')).toBe('J')
    expect(label('J')).toBe('J')
    expect(label('ArrowDown')).toBe('↓')
    expect(label('Shift+ArrowLeft')).toBe('Shift+←')
    expect(label('BracketLeft')).toBe('[')
    expect(label('Space')).toBe('Space')
    expect(label('Escape')).toBe('Esc')
    expect(label('Digit1')).toBe('1')
    expect(label('?')).toBe('?')
    expect(label('Ctrl+Alt+Period')).toBe('Ctrl+Alt+.')
  })

  it('are recorded from a keydown by physical key, Caps Lock or not', () => {
    expect(comboToString(comboFromEvent(key('KeyJ', 'J'))!)).toBe('KeyJ')
    expect(comboToString(comboFromEvent(key('KeyB', 'B', { shiftKey: true }))!)).toBe('Shift+KeyB')
    expect(comboFromEvent(key('ShiftLeft', 'Shift', { shiftKey: true }))).toBeNull()
    expect(comboFromEvent(key('CapsLock', 'CapsLock'))).toBeNull()
  })
})

describe('read-only inputs', () => {
  it('do not take the keys (an Element Plus select is a read-only input)', () => {
    expect(isEditableTarget({ tagName: 'INPUT', type: 'text', readOnly: true })).toBe(false)
    expect(isEditableTarget({ tagName: 'TEXTAREA', readOnly: true })).toBe(false)
    expect(isEditableTarget({ tagName: 'INPUT', type: 'text', readOnly: false })).toBe(true)
  })
})
