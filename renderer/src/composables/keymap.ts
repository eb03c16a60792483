// The review workspace's keyboard shortcuts as data: actions, default combos, parsing the
// reviewer's overrides from settings, and matching a keydown to an action (no DOM needed).

export const KEYMAP_ACTIONS = [
  'playPause',
  'nextLine',
  'previousLine',
  'replayLine',
  'loopLine',
  'seekBack',
  'seekForward',
  'seekBackLong',
  'seekForwardLong',
  'slower',
  'faster',
  'nextCall',
  'previousCall',
  'verdictPass',
  'verdictFail',
  'verdictFollowUp',
  'comment',
  'help',
] as const
export type KeymapAction = (typeof KEYMAP_ACTIONS)[number]

/** Groups for the shortcut sheet (i18n `player.shortcutGroups.*`). */
export const KEYMAP_GROUPS: Record<'playback' | 'lines' | 'review', readonly KeymapAction[]> = {
  playback: ['playPause', 'seekBack', 'seekForward', 'seekBackLong', 'seekForwardLong', 'slower', 'faster'],
  lines: ['nextLine', 'previousLine', 'replayLine', 'loopLine'],
  review: ['verdictPass', 'verdictFail', 'verdictFollowUp', 'comment', 'nextCall', 'previousCall', 'help'],
}

/**
 * Default combos per action. Keys are KeyboardEvent.code names (physical keys, so they
 * work whatever the layout prints on them) or a single printed character such as `?`,
 * which matches KeyboardEvent.key whatever Shift it takes to type it.
 */
export const DEFAULT_KEYMAP: Readonly<Record<KeymapAction, readonly string[]>> = {
  playPause: ['Space'],
  nextLine: ['J', 'ArrowDown'],
  previousLine: ['K', 'ArrowUp'],
  replayLine: ['R'],
  loopLine: ['L'],
  seekBack: ['ArrowLeft'],
  seekForward: ['ArrowRight'],
  seekBackLong: ['Shift+ArrowLeft'],
  seekForwardLong: ['Shift+ArrowRight'],
  slower: ['BracketLeft'],
  faster: ['BracketRight'],
  nextCall: ['N'],
  previousCall: ['P'],
  verdictPass: ['1'],
  verdictFail: ['2'],
  verdictFollowUp: ['3'],
  comment: ['C'],
  help: ['?'],
}

/** Actions that act once per press: holding the key must not flip them back and forth. */
const NO_REPEAT: ReadonlySet<KeymapAction> = new Set([
  'playPause',
  'replayLine',
  'loopLine',
  'nextCall',
  'previousCall',
  'verdictPass',
  'verdictFail',
  'verdictFollowUp',
  'comment',
  'help',
])

export function isRepeatable(action: KeymapAction): boolean {
  return !NO_REPEAT.has(action)
}

export interface KeyCombo {
  ctrl: boolean
  alt: boolean
  shift: boolean
  meta: boolean
  /** A KeyboardEvent.code (`KeyJ`, `Digit1`, `Space`…) when byCode, else a printed character. */
  key: string
  byCode: boolean
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

export function comboToString(combo: KeyCombo): string {
  const mods = [combo.ctrl && 'Ctrl', combo.alt && 'Alt', combo.shift && 'Shift', combo.meta && 'Meta'].filter(Boolean)
  return [...mods, combo.key].join('+')
}

export interface KeyBinding {
  action: KeymapAction
  combos: KeyCombo[]
}

/**
 * The defaults with the reviewer's overrides applied. An override replaces the action's
 * combos and takes its keys away from any action still on its defaults, so a remap never
 * leaves one key doing two things. Unknown action names and unparsable values are ignored.
 */
export function resolveKeymap(overrides: Readonly<Record<string, string | readonly string[]>> = {}): KeyBinding[] {
  const overridden = new Map<KeymapAction, KeyCombo[]>()
  for (const action of KEYMAP_ACTIONS) {
    const value = overrides[action]
    if (value === undefined) continue
    const combos = parseCombos(value)
    if (combos.length > 0) overridden.set(action, combos)
  }
  const taken = new Set([...overridden.values()].flat().map(comboToString))
  return KEYMAP_ACTIONS.map((action) => ({
    action,
    combos:
      overridden.get(action) ?? parseCombos(DEFAULT_KEYMAP[action]).filter((combo) => !taken.has(comboToString(combo))),
  }))
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

function comboMatches(combo: KeyCombo, event: KeyEventLike): boolean {
  if (combo.ctrl !== event.ctrlKey || combo.alt !== event.altKey || combo.meta !== event.metaKey) return false
  // A printed character already implies its Shift (`?` is Shift+/ on most layouts).
  if (!combo.byCode) return event.key === combo.key
  if (combo.shift !== event.shiftKey) return false
  if (event.code === combo.key) return true
  // The number row and the keypad both give the verdicts.
  if (combo.key.startsWith('Digit') && event.code === `Numpad${combo.key.slice(5)}`) return true
  // Some virtual keyboards and remote-desktop clients send no code: fall back to the character.
  if (!event.code || event.code === 'Unidentified') {
    return combo.key.startsWith('Key') && event.key.toUpperCase() === combo.key.slice(3)
  }
  return false
}

/** The action bound to this keydown, or null. */
export function matchAction(bindings: readonly KeyBinding[], event: KeyEventLike): KeymapAction | null {
  for (const binding of bindings) {
    if (binding.combos.some((combo) => comboMatches(combo, event))) return binding.action
  }
  return null
}

/** What isEditableTarget reads from an element (duck-typed so it is testable without a DOM). */
export interface ElementLike {
  tagName?: string
  type?: string
  isContentEditable?: boolean
  readOnly?: boolean
}

// Inputs that take typed text; checkboxes, radios and buttons do not swallow letters.
const NON_TEXT_INPUTS = new Set(['button', 'checkbox', 'radio', 'range', 'reset', 'submit', 'color', 'file', 'image'])

/** True when keys typed here are text for the field, not shortcuts. */
export function isEditableTarget(target: unknown): boolean {
  if (!target || typeof target !== 'object') return false
  const el = target as ElementLike
  if (el.isContentEditable) return true
  const tag = el.tagName?.toUpperCase()
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true
  if (tag === 'INPUT') return !NON_TEXT_INPUTS.has((el.type ?? 'text').toLowerCase())
  return false
}

/** The parts of a combo for display, e.g. `Shift+ArrowLeft` → ['Shift', '←']; `Space` stays for i18n. */
export function comboParts(combo: KeyCombo): string[] {
  const mods = [combo.ctrl && 'Ctrl', combo.alt && 'Alt', combo.shift && 'Shift', combo.meta && 'Meta'].filter(
    (m): m is string => typeof m === 'string',
  )
  return [...mods, keyLabel(combo)]
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
}

function keyLabel(combo: KeyCombo): string {
  if (!combo.byCode) return combo.key
  if (/^Key[A-Z]$/.test(combo.key)) return combo.key.slice(3)
  if (/^Digit[0-9]$/.test(combo.key)) return combo.key.slice(5)
  return KEY_LABELS[combo.key] ?? combo.key
}
