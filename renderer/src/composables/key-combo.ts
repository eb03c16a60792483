// One key combination: parsed from the settings spelling (`Shift+ArrowLeft`, `J`, `?`), read off a
// keydown, matched against one, and shown as a person reads it (`Shift+←`, `J`, `[`, `Space`).

export interface KeyCombo {
  ctrl: boolean
  alt: boolean
  shift: boolean
  meta: boolean
  /** A KeyboardEvent.code (`KeyJ`, `Digit1`, `Space`…) when byCode, else a printed character. */
  key: string
  byCode: boolean
}

/** The parts of KeyboardEvent the matcher reads (a real event satisfies it). */
export interface KeyEventLike {
  code: string
  key: string
  ctrlKey: boolean
  altKey: boolean
  shiftKey: boolean
  metaKey: boolean
}

const MODIFIERS: Record<string, 'ctrl' | 'alt' | 'shift' | 'meta'> = {
  ctrl: 'ctrl',
  control: 'ctrl',
  alt: 'alt',
  option: 'alt',
  shift: 'shift',
  meta: 'meta',
  cmd: 'meta',
  command: 'meta',
}

// Friendly spellings a reviewer might type in settings, mapped to KeyboardEvent.code.
const CODE_ALIASES: Record<string, string> = {
  space: 'Space',
  ' ': 'Space',
  enter: 'Enter',
  esc: 'Escape',
  escape: 'Escape',
  tab: 'Tab',
  backspace: 'Backspace',
  delete: 'Delete',
  left: 'ArrowLeft',
  right: 'ArrowRight',
  up: 'ArrowUp',
  down: 'ArrowDown',
  '←': 'ArrowLeft',
  '→': 'ArrowRight',
  '↑': 'ArrowUp',
  '↓': 'ArrowDown',
  '[': 'BracketLeft',
  ']': 'BracketRight',
  ',': 'Comma',
  '.': 'Period',
  '/': 'Slash',
  ';': 'Semicolon',
  "'": 'Quote',
  '-': 'Minus',
  '=': 'Equal',
  '`': 'Backquote',
  '\\': 'Backslash',
}

/** Parses `Shift+ArrowLeft`, `J`, `1`, `?`, `Ctrl+Enter`; null when it is not a combo. */
export function parseCombo(text: string): KeyCombo | null {
  const trimmed = text.trim()
  if (!trimmed) return null
  // `+` alone (or as the last part, `Shift++`) is the plus key, not a separator.
  const parts =
    trimmed === '+' ? ['+'] : trimmed.endsWith('++') ? [...trimmed.slice(0, -2).split('+'), '+'] : trimmed.split('+')
  const combo: KeyCombo = { ctrl: false, alt: false, shift: false, meta: false, key: '', byCode: true }
  for (const [i, raw] of parts.entries()) {
    const part = raw.trim()
    if (!part) return null
    if (i < parts.length - 1) {
      const modifier = MODIFIERS[part.toLowerCase()]
      if (!modifier) return null
      combo[modifier] = true
      continue
    }
    const alias = CODE_ALIASES[part.toLowerCase()] ?? CODE_ALIASES[part]
    if (/^[a-z]$/i.test(part)) combo.key = `Key${part.toUpperCase()}`
    else if (/^[0-9]$/.test(part)) combo.key = `Digit${part}`
    else if (alias) combo.key = alias
    else if (part.length === 1) {
      combo.key = part
      combo.byCode = false
    } else if (/^[A-Z][A-Za-z0-9]+$/.test(part)) combo.key = part
    else return null
  }
  return combo.key ? combo : null
}

/** One settings value may hold several combos: `"J, ArrowDown"` (a lone `,` is the comma key). */
export function parseCombos(value: string | readonly string[]): KeyCombo[] {
  const texts = typeof value === 'string' ? splitCombos(value) : value
  return texts.map(parseCombo).filter((combo): combo is KeyCombo => combo !== null)
}

function splitCombos(value: string): string[] {
  if (value.trim() === ',') return [',']
  return value.split(/\s*,\s*(?!$)/).filter((part) => part.trim() !== '')
}

/** The settings spelling of a list of combos, the inverse of parseCombos. */
export function serializeCombos(combos: readonly string[]): string {
  return combos.join(', ')
}

function modifierNames(combo: KeyCombo): string[] {
  return [combo.ctrl && 'Ctrl', combo.alt && 'Alt', combo.shift && 'Shift', combo.meta && 'Meta'].filter(
    (m): m is string => typeof m === 'string',
  )
}

/** The settings spelling of one combo (`Shift+ArrowLeft`, `KeyJ`); also its identity when comparing. */
export function comboToString(combo: KeyCombo): string {
  return [...modifierNames(combo), combo.key].join('+')
}

/** The settings spelling a person would type: `Shift+B`, `1`, `ArrowDown` (parseCombo reads it back). */
export function comboSetting(combo: KeyCombo): string {
  const key =
    combo.byCode && /^Key[A-Z]$/.test(combo.key)
      ? combo.key.slice(3)
      : combo.byCode && /^Digit[0-9]$/.test(combo.key)
        ? combo.key.slice(5)
        : combo.key
  return [...modifierNames(combo), key].join('+')
}

export function sameCombo(a: KeyCombo, b: KeyCombo): boolean {
  return comboToString(a) === comboToString(b)
}

const MODIFIER_KEYS = new Set(['Shift', 'Control', 'Alt', 'Meta', 'AltGraph', 'CapsLock'])

/**
 * The combo a keydown makes, by physical key (Caps Lock and the layout do not change it); null
 * for a modifier pressed on its own.
 */
export function comboFromEvent(event: KeyEventLike): KeyCombo | null {
  if (MODIFIER_KEYS.has(event.key) || !event.code || event.code === 'Unidentified') return null
  return {
    ctrl: event.ctrlKey,
    alt: event.altKey,
    shift: event.shiftKey,
    meta: event.metaKey,
    key: event.code,
    byCode: true,
  }
}

export function comboMatches(combo: KeyCombo, event: KeyEventLike): boolean {
  if (combo.ctrl !== event.ctrlKey || combo.alt !== event.altKey || combo.meta !== event.metaKey) return false
  // A printed character already implies its Shift (`?` is Shift+/ on most layouts).
  if (!combo.byCode) return event.key === combo.key
  if (combo.shift !== event.shiftKey) return false
  if (event.code === combo.key) return true
  // The number row and the keypad both give the verdicts.
  if (combo.key.startsWith('Digit') && event.code === `Numpad${combo.key.slice(5)}`) return true
  if (combo.key === 'Enter' && event.code === 'NumpadEnter') return true
  // Some virtual keyboards and remote-desktop clients send no code: fall back to the character.
  if (!event.code || event.code === 'Unidentified') {
    return combo.key.startsWith('Key') && event.key.toUpperCase() === combo.key.slice(3)
  }
  return false
}

const KEY_LABELS: Record<string, string> = {
  ArrowLeft: '←',
  ArrowRight: '→',
  ArrowUp: '↑',
  ArrowDown: '↓',
  BracketLeft: '[',
  BracketRight: ']',
  Comma: ',',
  Period: '.',
  Slash: '/',
  Semicolon: ';',
  Quote: "'",
  Minus: '-',
  Equal: '=',
  Backquote: '`',
  Backslash: '\\',
  Escape: 'Esc',
  NumpadEnter: 'Enter',
}

/** The key as printed on it: `KeyJ` → `J`, `BracketLeft` → `[`, `Numpad3` → `3`, `Space` stays. */
export function keyLabel(combo: KeyCombo): string {
  if (!combo.byCode) return combo.key
  if (/^Key[A-Z]$/.test(combo.key)) return combo.key.slice(3)
  if (/^(Digit|Numpad)[0-9]$/.test(combo.key)) return combo.key.slice(-1)
  return KEY_LABELS[combo.key] ?? combo.key
}

/** The parts of a combo for display, e.g. `Shift+ArrowLeft` → ['Shift', '←']; `Space` stays for i18n. */
export function comboParts(combo: KeyCombo): string[] {
  return [...modifierNames(combo), keyLabel(combo)]
}

/** A combo as a person reads it: `Shift+←`, `J`, `[`, `Space`. */
export function comboLabel(combo: KeyCombo): string {
  return comboParts(combo).join('+')
}
