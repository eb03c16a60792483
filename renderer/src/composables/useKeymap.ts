// Binds the review workspace's shortcuts to a window keydown listener: handlers per action,
// off while the reviewer types in a field (Esc leaves the field), bindings for the shortcut sheet.
import { useEventListener } from '@vueuse/core'
import { computed, toValue, type ComputedRef, type MaybeRefOrGetter } from 'vue'
import {
  isEditableTarget,
  isRepeatable,
  matchAction,
  resolveKeymap,
  type KeyBinding,
  type KeyEventLike,
  type KeymapAction,
} from './keymap'

export {
  DEFAULT_KEYMAP,
  KEYMAP_ACTIONS,
  KEYMAP_GROUPS,
  comboParts,
  serializeCombos,
  type KeymapAction,
  type KeyBinding,
} from './keymap'

export type KeymapHandler = (event: KeyboardEvent) => void

/** The parts of a keydown event useKeymap reads (a real KeyboardEvent satisfies it). */
export interface KeydownLike extends KeyEventLike {
  repeat: boolean
  isComposing?: boolean
  defaultPrevented: boolean
  target: unknown
  preventDefault(): void
}

export interface KeymapOptions {
  /** The reviewer's overrides from settings (action → `"J, ArrowDown"`). */
  keymap?: MaybeRefOrGetter<Readonly<Record<string, string>> | undefined>
  /** Off while e.g. a dialog that wants the keys is open. */
  enabled?: MaybeRefOrGetter<boolean>
  /** Where to listen; window by default, null to attach nothing (tests call handleKeydown). */
  target?: EventTarget | null
}

export interface Keymap {
  /** Registers a handler for one action, or several at once; returns a function that removes them. */
  on(action: KeymapAction, handler: KeymapHandler): () => void
  on(handlers: Partial<Record<KeymapAction, KeymapHandler>>): () => void
  /** Every action with its effective combos, in sheet order. */
  bindings: ComputedRef<KeyBinding[]>
  /** The listener itself; exposed so it can be driven without a DOM. */
  handleKeydown(event: KeydownLike): void
}

function blurTarget(target: unknown): void {
  const el = target as { blur?: () => void } | null
  if (el && typeof el.blur === 'function') el.blur()
}

export function useKeymap(options: KeymapOptions = {}): Keymap {
  const bindings = computed(() => resolveKeymap(toValue(options.keymap) ?? {}))
  const handlers = new Map<KeymapAction, KeymapHandler>()

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

  function handleKeydown(event: KeydownLike): void {
    if (event.defaultPrevented || toValue(options.enabled) === false) return
    // An IME is composing (Chinese input on): the keys belong to it.
    if (event.isComposing || event.key === 'Process') return
    if (isEditableTarget(event.target)) {
      if (event.key === 'Escape') blurTarget(event.target)
      return
    }
    const action = matchAction(bindings.value, event)
    if (!action) return
    const handler = handlers.get(action)
    if (!handler) return
    // Also swallow held-down repeats of one-shot keys, so a held Space cannot scroll the page.
    event.preventDefault()
    if (event.repeat && !isRepeatable(action)) return
    handler(event as unknown as KeyboardEvent)
  }

  const target = options.target === undefined ? (typeof window === 'undefined' ? null : window) : options.target
  if (target) useEventListener(target, 'keydown', (event: Event) => handleKeydown(event as KeyboardEvent))

  return { on: on as Keymap['on'], bindings, handleKeydown }
}
