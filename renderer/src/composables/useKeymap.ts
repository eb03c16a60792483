// The one keyboard dispatcher: a single window keydown listener, the context of the page on
// top (the call list or the review page) and its handlers. No page keys while a dialog is open
// or while the reviewer types in a field (Esc leaves the field); each keydown fires one action.
import {
  computed,
  getCurrentInstance,
  getCurrentScope,
  onActivated,
  onDeactivated,
  onScopeDispose,
  toValue,
  type ComputedRef,
  type MaybeRefOrGetter,
} from 'vue'
import {
  isEditableTarget,
  isRepeatable,
  matchBinding,
  resolveKeymap,
  type KeyBinding,
  type KeyContext,
  type KeyEventLike,
  type KeymapAction,
} from './keymap'

export {
  DEFAULT_KEYMAP,
  KEYMAP_ACTIONS,
  KEYMAP_GROUPS,
  comboLabel,
  comboParts,
  serializeCombos,
  type KeymapAction,
  type KeyBinding,
} from './keymap'

/** Runs one action; `arg` is the value an action with args carries (the intent level's letter). */
export type KeymapHandler = (arg: string | null, event: KeyboardEvent) => void

/** The parts of a keydown event the dispatcher reads (a real KeyboardEvent satisfies it). */
export interface KeydownLike extends KeyEventLike {
  repeat: boolean
  isComposing?: boolean
  defaultPrevented: boolean
  target: unknown
  preventDefault(): void
}

export interface KeymapOptions {
  /** Which actions this page answers; the page registered last is the active one. */
  context?: KeyContext
  /** The reviewer's overrides from settings (slot id → `"J, ArrowDown"`). */
  keymap?: MaybeRefOrGetter<Readonly<Record<string, string>> | undefined>
  /** Off while e.g. a sheet of this page wants the keys. */
  enabled?: MaybeRefOrGetter<boolean>
  /** null: a private dispatcher with no listener and no dialog check (tests call handleKeydown). */
  target?: null
}

export interface Keymap {
  /** Registers a handler for one action, or several at once; returns a function that removes them. */
  on(action: KeymapAction, handler: KeymapHandler): () => void
  on(handlers: Partial<Record<KeymapAction, KeymapHandler>>): () => void
  /** Every slot with its effective combos, in sheet order. */
  bindings: ComputedRef<KeyBinding[]>
  /** The dispatcher's listener; exposed so it can be driven without a DOM. */
  handleKeydown(event: KeydownLike): void
}

interface Scope {
  context: KeyContext
  bindings: () => readonly KeyBinding[]
  enabled: () => boolean
  handlers: Map<KeymapAction, KeymapHandler>
}

export interface KeyDispatcher {
  handleKeydown(event: KeydownLike): void
  /** Makes the scope the active one until the returned function is called. */
  register(scope: Scope): () => void
}

function blurTarget(target: unknown): void {
  const el = target as { blur?: () => void } | null
  if (el && typeof el.blur === 'function') el.blur()
}

// Enter on a focused button or link is that control's click, not the page's "open".
const ACTIVATES_ON_ENTER = new Set(['BUTTON', 'A', 'SUMMARY'])
const ACTIVATING_ROLES = new Set(['button', 'link', 'tab', 'menuitem', 'option', 'checkbox', 'radio', 'switch'])
function usesEnterItself(target: unknown): boolean {
  const el = target as { tagName?: string; getAttribute?: (name: string) => string | null } | null
  if (!el || typeof el !== 'object') return false
  if (ACTIVATES_ON_ENTER.has(el.tagName?.toUpperCase() ?? '')) return true
  return ACTIVATING_ROLES.has(el.getAttribute?.('role') ?? '')
}

/** A modal dialog (Element Plus dialog, drawer or message box) is on screen. */
function modalOnScreen(): boolean {
  if (typeof document === 'undefined') return false
  return [...document.querySelectorAll('[aria-modal="true"]')].some((el) => el.getClientRects().length > 0)
}

export function createKeyDispatcher(options: { modalOpen?: () => boolean } = {}): KeyDispatcher {
  const modalOpen = options.modalOpen ?? modalOnScreen
  const scopes: Scope[] = []

  function handleKeydown(event: KeydownLike): void {
    const scope = scopes.at(-1)
    if (!scope || event.defaultPrevented || !scope.enabled() || modalOpen()) return
    // An IME is composing (Chinese input on): the keys belong to it.
    if (event.isComposing || event.key === 'Process') return
    if (isEditableTarget(event.target)) {
      if (event.key === 'Escape') blurTarget(event.target)
      return
    }
    const binding = matchBinding(scope.bindings(), event, scope.context)
    if (!binding) return
    const handler = scope.handlers.get(binding.action)
    if (!handler) return
    if ((event.code === 'Enter' || event.code === 'NumpadEnter') && usesEnterItself(event.target)) return
    // Also swallow held-down repeats of one-shot keys, so a held Space cannot scroll the page.
    event.preventDefault()
    if (event.repeat && !isRepeatable(binding.action)) return
    handler(binding.arg, event as unknown as KeyboardEvent)
  }

  function register(scope: Scope): () => void {
    scopes.push(scope)
    return () => {
      const index = scopes.lastIndexOf(scope)
      if (index >= 0) scopes.splice(index, 1)
    }
  }

  return { handleKeydown, register }
}

let windowDispatcher: KeyDispatcher | null = null
/** The app's dispatcher, listening on window from the first page that registers. */
function sharedDispatcher(): KeyDispatcher {
  if (!windowDispatcher) {
    const dispatcher = createKeyDispatcher()
    if (typeof window !== 'undefined') {
      window.addEventListener('keydown', (event) => dispatcher.handleKeydown(event))
    }
    windowDispatcher = dispatcher
  }
  return windowDispatcher
}

/** Registers this page's context and handlers with the dispatcher for the life of the component. */
export function useKeymap(options: KeymapOptions = {}): Keymap {
  const bindings = computed(() => resolveKeymap(toValue(options.keymap) ?? {}))
  const handlers = new Map<KeymapAction, KeymapHandler>()
  const dispatcher = options.target === null ? createKeyDispatcher({ modalOpen: () => false }) : sharedDispatcher()
  const scope: Scope = {
    context: options.context ?? 'review',
    bindings: () => bindings.value,
    enabled: () => toValue(options.enabled) !== false,
    handlers,
  }
  let unregister: (() => void) | null = dispatcher.register(scope)
  const leave = () => {
    unregister?.()
    unregister = null
  }
  if (getCurrentScope()) onScopeDispose(leave)
  // A page kept alive (<KeepAlive>) gives up the keys while hidden and takes them back on top when shown.
  if (getCurrentInstance()) {
    onDeactivated(leave)
    onActivated(() => {
      if (!unregister) unregister = dispatcher.register(scope)
    })
  }

  function on(
    actionOrHandlers: KeymapAction | Partial<Record<KeymapAction, KeymapHandler>>,
    handler?: KeymapHandler,
  ): () => void {
    const entries: [KeymapAction, KeymapHandler][] =
      typeof actionOrHandlers === 'string'
        ? handler
          ? [[actionOrHandlers, handler]]
          : []
        : (Object.entries(actionOrHandlers) as [KeymapAction, KeymapHandler][])
    for (const [action, fn] of entries) handlers.set(action, fn)
    return () => {
      for (const [action, fn] of entries) if (handlers.get(action) === fn) handlers.delete(action)
    }
  }

  return { on: on as Keymap['on'], bindings, handleKeydown: dispatcher.handleKeydown }
}
