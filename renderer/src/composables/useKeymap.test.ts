import { describe, expect, it, vi } from 'vitest'
import { nextTick, ref } from 'vue'
import { createKeyDispatcher, useKeymap, type KeydownLike } from './useKeymap'
import { resolveKeymap } from './keymap'

function keydown(code: string, key: string, extra: Partial<KeydownLike> = {}): KeydownLike & { prevented: boolean } {
  const event = {
    code,
    key,
    ctrlKey: false,
    altKey: false,
    shiftKey: false,
    metaKey: false,
    repeat: false,
    isComposing: false,
    defaultPrevented: false,
    target: { tagName: 'BODY' },
    prevented: false,
    preventDefault() {
      event.prevented = true
    },
    ...extra,
  }
  return event
}

describe('useKeymap', () => {
  it('runs the handler for the action and stops the browser default (Space must not scroll)', () => {
    const keymap = useKeymap({ target: null })
    const playPause = vi.fn()
    keymap.on('playPause', playPause)
    const event = keydown('Space', ' ')
    keymap.handleKeydown(event)
    expect(playPause).toHaveBeenCalledTimes(1)
    expect(event.prevented).toBe(true)
  })

  it('lets keys without a registered handler through untouched', () => {
    const keymap = useKeymap({ target: null })
    const event = keydown('KeyJ', 'j')
    keymap.handleKeydown(event)
    expect(event.prevented).toBe(false)
  })

  it('runs both combos of an action', () => {
    const keymap = useKeymap({ target: null })
    const nextLine = vi.fn()
    keymap.on({ nextLine })
    keymap.handleKeydown(keydown('KeyJ', 'j'))
    keymap.handleKeydown(keydown('ArrowDown', 'ArrowDown'))
    expect(nextLine).toHaveBeenCalledTimes(2)
  })

  it('is inactive while typing in a field, where Esc leaves the field', () => {
    const keymap = useKeymap({ target: null })
    const playPause = vi.fn()
    keymap.on('playPause', playPause)
    const blur = vi.fn()
    const field = { tagName: 'TEXTAREA', blur }
    const space = keydown('Space', ' ', { target: field })
    keymap.handleKeydown(space)
    expect(playPause).not.toHaveBeenCalled()
    expect(space.prevented).toBe(false)
    keymap.handleKeydown(keydown('Escape', 'Escape', { target: field }))
    expect(blur).toHaveBeenCalledTimes(1)
  })

  it('leaves keys to an IME that is composing', () => {
    const keymap = useKeymap({ target: null })
    const nextLine = vi.fn()
    keymap.on('nextLine', nextLine)
    keymap.handleKeydown(keydown('KeyJ', 'Process'))
    keymap.handleKeydown(keydown('KeyJ', 'j', { isComposing: true }))
    expect(nextLine).not.toHaveBeenCalled()
  })

  it('ignores auto-repeat for toggles but repeats seeks', () => {
    const keymap = useKeymap({ target: null })
    const playPause = vi.fn()
    const seekForward = vi.fn()
    keymap.on({ playPause, seekForward })
    const held = keydown('Space', ' ', { repeat: true })
    keymap.handleKeydown(held)
    keymap.handleKeydown(keydown('ArrowRight', 'ArrowRight', { repeat: true }))
    expect(playPause).not.toHaveBeenCalled()
    expect(held.prevented).toBe(true)
    expect(seekForward).toHaveBeenCalledTimes(1)
  })

  it('follows overrides as settings change', async () => {
    const overrides = ref<Record<string, string>>({})
    const keymap = useKeymap({ target: null, keymap: overrides })
    const comment = vi.fn()
    keymap.on('comment', comment)
    overrides.value = { comment: 'M' }
    await nextTick()
    keymap.handleKeydown(keydown('KeyC', 'c'))
    keymap.handleKeydown(keydown('KeyM', 'm'))
    expect(comment).toHaveBeenCalledTimes(1)
    expect(keymap.bindings.value.find((b) => b.action === 'comment')?.combos[0]?.key).toBe('KeyM')
  })

  it('does nothing while disabled or after the handler is removed', () => {
    const enabled = ref(false)
    const keymap = useKeymap({ target: null, enabled })
    const help = vi.fn()
    const off = keymap.on('help', help)
    keymap.handleKeydown(keydown('Slash', '?', { shiftKey: true }))
    enabled.value = true
    off()
    keymap.handleKeydown(keydown('Slash', '?', { shiftKey: true }))
    expect(help).not.toHaveBeenCalled()
  })

  it('skips events another component already handled', () => {
    const keymap = useKeymap({ target: null })
    const nextLine = vi.fn()
    keymap.on('nextLine', nextLine)
    keymap.handleKeydown(keydown('ArrowDown', 'ArrowDown', { defaultPrevented: true }))
    expect(nextLine).not.toHaveBeenCalled()
  })
})

describe('the dispatcher', () => {
  function scope(context: 'list' | 'review', handlers: Record<string, ReturnType<typeof vi.fn>>, keymap = {}) {
    return {
      context,
      bindings: () => resolveKeymap(keymap),
      enabled: () => true,
      handlers: new Map(Object.entries(handlers)) as never,
    }
  }

  it('answers only for the page registered last, and for the one below once it is gone', () => {
    const dispatcher = createKeyDispatcher({ modalOpen: () => false })
    const nextRow = vi.fn()
    const nextLine = vi.fn()
    dispatcher.register(scope('list', { nextRow }))
    const leave = dispatcher.register(scope('review', { nextLine }))
    dispatcher.handleKeydown(keydown('KeyJ', 'j'))
    expect(nextLine).toHaveBeenCalledTimes(1)
    expect(nextRow).not.toHaveBeenCalled()
    leave()
    dispatcher.handleKeydown(keydown('KeyJ', 'j'))
    expect(nextRow).toHaveBeenCalledTimes(1)
    expect(nextLine).toHaveBeenCalledTimes(1)
  })

  it('gives no page any key while a dialog is open', () => {
    let dialog = true
    const dispatcher = createKeyDispatcher({ modalOpen: () => dialog })
    const backToList = vi.fn()
    dispatcher.register(scope('review', { backToList }))
    const esc = keydown('Escape', 'Escape')
    dispatcher.handleKeydown(esc)
    expect(backToList).not.toHaveBeenCalled()
    expect(esc.prevented).toBe(false)
    dialog = false
    dispatcher.handleKeydown(keydown('Escape', 'Escape'))
    expect(backToList).toHaveBeenCalledTimes(1)
  })

  it('works the list keys under Caps Lock', () => {
    const dispatcher = createKeyDispatcher({ modalOpen: () => false })
    const nextRow = vi.fn()
    const previousRow = vi.fn()
    dispatcher.register(scope('list', { nextRow, previousRow }))
    dispatcher.handleKeydown(keydown('KeyJ', 'J'))
    dispatcher.handleKeydown(keydown('KeyK', 'K'))
    expect(nextRow).toHaveBeenCalledTimes(1)
    expect(previousRow).toHaveBeenCalledTimes(1)
  })

  it('fires a remapped Shift+letter once, as the remapped action only', () => {
    const dispatcher = createKeyDispatcher({ modalOpen: () => false })
    const nextLine = vi.fn()
    const correctIntent = vi.fn()
    dispatcher.register(scope('review', { nextLine, correctIntent }, { nextLine: 'Shift+B' }))
    dispatcher.handleKeydown(keydown('KeyB', 'B', { shiftKey: true }))
    expect(nextLine).toHaveBeenCalledTimes(1)
    expect(correctIntent).not.toHaveBeenCalled()
  })

  it('hands the intent action its letter', () => {
    const dispatcher = createKeyDispatcher({ modalOpen: () => false })
    const correctIntent = vi.fn()
    dispatcher.register(scope('review', { correctIntent }))
    dispatcher.handleKeydown(keydown('KeyB', 'B', { shiftKey: true }))
    dispatcher.handleKeydown(keydown('KeyB', 'B', { shiftKey: true, repeat: true }))
    expect(correctIntent).toHaveBeenCalledTimes(1)
    expect(correctIntent.mock.calls[0]![0]).toBe('B')
  })

  it('keeps the shortcuts on in a read-only input, off in a text field', () => {
    const dispatcher = createKeyDispatcher({ modalOpen: () => false })
    const playPause = vi.fn()
    dispatcher.register(scope('review', { playPause }))
    dispatcher.handleKeydown(keydown('Space', ' ', { target: { tagName: 'INPUT', type: 'text', readOnly: true } }))
    dispatcher.handleKeydown(keydown('Space', ' ', { target: { tagName: 'INPUT', type: 'text', readOnly: false } }))
    expect(playPause).toHaveBeenCalledTimes(1)
  })

  it('leaves Enter on a focused button to the button', () => {
    const dispatcher = createKeyDispatcher({ modalOpen: () => false })
    const openRow = vi.fn()
    dispatcher.register(scope('list', { openRow }))
    const onButton = keydown('Enter', 'Enter', { target: { tagName: 'BUTTON' } })
    dispatcher.handleKeydown(onButton)
    expect(onButton.prevented).toBe(false)
    dispatcher.handleKeydown(keydown('Enter', 'Enter', { target: { tagName: 'DIV', getAttribute: () => null } }))
    expect(openRow).toHaveBeenCalledTimes(1)
  })
})
