// Every keyboard action of CallLens declared once: its context (the call list or the review
// page), sheet group, default keys and whether holding the key repeats it; the reviewer's
// overrides from settings applied on top, conflicts found, a keydown matched to one action.
import { comboMatches, comboToString, parseCombos, sameCombo, type KeyCombo, type KeyEventLike } from './key-combo'

export {
  comboFromEvent,
  comboLabel,
  comboParts,
  comboSetting,
  comboToString,
  parseCombo,
  parseCombos,
  serializeCombos,
  type KeyCombo,
  type KeyEventLike,
} from './key-combo'

/** Where an action works: one context is active at a time (none while a dialog is open). */
export type KeyContext = 'list' | 'review'
/** Sections of the shortcut sheet and the settings editor (i18n `player.shortcutGroups.*`). */
export type KeyGroup = 'playback' | 'lines' | 'problems' | 'review' | 'intent' | 'list'

interface ActionSpec {
  context: KeyContext
  group: KeyGroup
  /** Default combos (settings spelling); for an action with args, per arg. */
  defaults: readonly string[] | ((arg: string) => readonly string[])
  /** An action carrying a value (the intent level's letter): one binding per value. */
  args?: readonly string[]
  /** Holding the key repeats the action (seeks, moves); toggles and one-shots act once per press. */
  repeat?: boolean
}

/**
 * The registry. Keys are KeyboardEvent.code names (physical keys, so they work whatever the
 * layout prints on them and under Caps Lock) or a single printed character such as `?`, which
 * matches KeyboardEvent.key whatever Shift it takes to type it. Order is sheet order.
 */
export const KEY_ACTIONS = {
  playPause: { context: 'review', group: 'playback', defaults: ['Space'] },
  seekBack: { context: 'review', group: 'playback', defaults: ['ArrowLeft'], repeat: true },
  seekForward: { context: 'review', group: 'playback', defaults: ['ArrowRight'], repeat: true },
  seekBackLong: { context: 'review', group: 'playback', defaults: ['Shift+ArrowLeft'], repeat: true },
  seekForwardLong: { context: 'review', group: 'playback', defaults: ['Shift+ArrowRight'], repeat: true },
  slower: { context: 'review', group: 'playback', defaults: ['BracketLeft'], repeat: true },
  faster: { context: 'review', group: 'playback', defaults: ['BracketRight'], repeat: true },
  nextLine: { context: 'review', group: 'lines', defaults: ['J', 'ArrowDown'], repeat: true },
  previousLine: { context: 'review', group: 'lines', defaults: ['K', 'ArrowUp'], repeat: true },
  replayLine: { context: 'review', group: 'lines', defaults: ['R'] },
  loopLine: { context: 'review', group: 'lines', defaults: ['L'] },
  findInCall: { context: 'review', group: 'lines', defaults: ['Ctrl+F', '/'] },
  // Problems in the call: . and , walk all of them; a letter per kind (Shift: back), none of them
  // an intent letter (Shift+A…F) or a key taken above.
  nextProblem: { context: 'review', group: 'problems', defaults: ['Period'], repeat: true },
  previousProblem: { context: 'review', group: 'problems', defaults: ['Comma'], repeat: true },
  nextAiUnknown: { context: 'review', group: 'problems', defaults: ['U'], repeat: true },
  previousAiUnknown: { context: 'review', group: 'problems', defaults: ['Shift+U'], repeat: true },
  nextBargeIn: { context: 'review', group: 'problems', defaults: ['I'], repeat: true },
  previousBargeIn: { context: 'review', group: 'problems', defaults: ['Shift+I'], repeat: true },
  nextSilence: { context: 'review', group: 'problems', defaults: ['S'], repeat: true },
  previousSilence: { context: 'review', group: 'problems', defaults: ['Shift+S'], repeat: true },
  nextComment: { context: 'review', group: 'problems', defaults: ['M'], repeat: true },
  previousComment: { context: 'review', group: 'problems', defaults: ['Shift+M'], repeat: true },
  verdictPass: { context: 'review', group: 'review', defaults: ['1'] },
  verdictFail: { context: 'review', group: 'review', defaults: ['2'] },
  verdictFollowUp: { context: 'review', group: 'review', defaults: ['3'] },
  clearVerdict: { context: 'review', group: 'review', defaults: ['0'] },
  confirmAllTags: { context: 'review', group: 'review', defaults: ['Y'] },
  undo: { context: 'review', group: 'review', defaults: ['Ctrl+Z'], repeat: true },
  redo: { context: 'review', group: 'review', defaults: ['Ctrl+Shift+Z', 'Ctrl+Y'], repeat: true },
  comment: { context: 'review', group: 'review', defaults: ['C'] },
  copyMomentLink: { context: 'review', group: 'review', defaults: ['Shift+L'] },
  nextCall: { context: 'review', group: 'review', defaults: ['N'] },
  previousCall: { context: 'review', group: 'review', defaults: ['P'] },
  nextProblemCall: { context: 'review', group: 'review', defaults: ['Shift+N'] },
  backToList: { context: 'review', group: 'review', defaults: ['Escape'] },
  help: { context: 'review', group: 'review', defaults: ['?'] },
  correctIntent: {
    context: 'review',
    group: 'intent',
    args: ['A', 'B', 'C', 'D', 'E', 'F'],
    defaults: (letter: string) => [`Shift+${letter}`],
  },
  nextRow: { context: 'list', group: 'list', defaults: ['J', 'ArrowDown'], repeat: true },
  previousRow: { context: 'list', group: 'list', defaults: ['K', 'ArrowUp'], repeat: true },
  pageDown: { context: 'list', group: 'list', defaults: ['PageDown'], repeat: true },
  pageUp: { context: 'list', group: 'list', defaults: ['PageUp'], repeat: true },
  firstRow: { context: 'list', group: 'list', defaults: ['Home'] },
  lastRow: { context: 'list', group: 'list', defaults: ['End'] },
  openRow: { context: 'list', group: 'list', defaults: ['Enter'] },
  nextProblemRow: { context: 'list', group: 'list', defaults: ['Shift+J'] },
} as const satisfies Record<string, ActionSpec>

export type KeymapAction = keyof typeof KEY_ACTIONS
export const KEYMAP_ACTIONS = Object.keys(KEY_ACTIONS) as KeymapAction[]
const spec = (action: KeymapAction): ActionSpec => KEY_ACTIONS[action]

/** One bindable thing: an action, or one value of an action with args (`correctIntent.B`). */
export interface KeySlot {
  /** The settings key: the action's name, or `action.arg`. */
  id: string
  action: KeymapAction
  arg: string | null
  context: KeyContext
  group: KeyGroup
  defaults: readonly string[]
}

export const KEY_SLOTS: readonly KeySlot[] = KEYMAP_ACTIONS.flatMap((action) => {
  const { context, group, defaults, args } = spec(action)
  const slot = (arg: string | null): KeySlot => ({
    id: arg === null ? action : `${action}.${arg}`,
    action,
    arg,
    context,
    group,
    defaults: typeof defaults === 'function' ? defaults(arg ?? '') : defaults,
  })
  return args ? args.map(slot) : [slot(null)]
})

export const KEY_GROUPS: readonly KeyGroup[] = ['playback', 'lines', 'problems', 'review', 'intent', 'list']

/** The actions of each group, in sheet order. */
export const KEYMAP_GROUPS: Readonly<Record<KeyGroup, readonly KeymapAction[]>> = Object.fromEntries(
  KEY_GROUPS.map((group) => [group, KEYMAP_ACTIONS.filter((action) => spec(action).group === group)]),
) as Record<KeyGroup, KeymapAction[]>

/** Default combos per slot id. */
export const DEFAULT_KEYMAP: Readonly<Record<string, readonly string[]>> = Object.fromEntries(
  KEY_SLOTS.map((slot) => [slot.id, slot.defaults]),
)

export function isRepeatable(action: KeymapAction): boolean {
  return spec(action).repeat === true
}

export interface KeyBinding extends KeySlot {
  combos: KeyCombo[]
}

/**
 * The defaults with the reviewer's overrides applied. An override replaces the slot's combos
 * and takes its keys away from any slot of the same context still on its defaults, so a remap
 * never leaves one key doing two things. Unknown names and unparsable values are ignored.
 */
export function resolveKeymap(overrides: Readonly<Record<string, string | readonly string[]>> = {}): KeyBinding[] {
  const overridden = new Map<string, KeyCombo[]>()
  for (const slot of KEY_SLOTS) {
    const value = overrides[slot.id]
    if (value === undefined) continue
    const combos = parseCombos(value)
    if (combos.length > 0) overridden.set(slot.id, combos)
  }
  const taken = new Set(
    KEY_SLOTS.flatMap((slot) => (overridden.get(slot.id) ?? []).map((c) => `${slot.context}:${comboToString(c)}`)),
  )
  return KEY_SLOTS.map((slot) => ({
    ...slot,
    combos:
      overridden.get(slot.id) ??
      parseCombos(slot.defaults).filter((combo) => !taken.has(`${slot.context}:${comboToString(combo)}`)),
  }))
}

/** The binding this keydown triggers in the context, or null; at most one, so an action fires once. */
export function matchBinding(
  bindings: readonly KeyBinding[],
  event: KeyEventLike,
  context: KeyContext = 'review',
): KeyBinding | null {
  return (
    bindings.find(
      (binding) => binding.context === context && binding.combos.some((combo) => comboMatches(combo, event)),
    ) ?? null
  )
}

/** The slot id (`nextLine`, `correctIntent.B`) bound to this keydown in the context, or null. */
export function matchAction(
  bindings: readonly KeyBinding[],
  event: KeyEventLike,
  context: KeyContext = 'review',
): string | null {
  return matchBinding(bindings, event, context)?.id ?? null
}

/** The binding of the same context that already has this combo (other than the slot itself), or null. */
export function findConflict(bindings: readonly KeyBinding[], slotId: string, combo: KeyCombo): KeyBinding | null {
  const slot = bindings.find((binding) => binding.id === slotId)
  if (!slot) return null
  return (
    bindings.find(
      (binding) =>
        binding.id !== slotId && binding.context === slot.context && binding.combos.some((c) => sameCombo(c, combo)),
    ) ?? null
  )
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

/**
 * True when keys typed here are text for the field, not shortcuts. A read-only input takes no
 * text (an Element Plus select's input is one), so the shortcuts stay on there.
 */
export function isEditableTarget(target: unknown): boolean {
  if (!target || typeof target !== 'object') return false
  const el = target as ElementLike
  if (el.isContentEditable) return true
  const tag = el.tagName?.toUpperCase()
  if (tag === 'SELECT') return true
  if (tag === 'TEXTAREA') return el.readOnly !== true
  if (tag === 'INPUT') return el.readOnly !== true && !NON_TEXT_INPUTS.has((el.type ?? 'text').toLowerCase())
  return false
}
