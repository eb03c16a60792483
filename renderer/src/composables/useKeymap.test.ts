import { describe, expect, it, vi } from 'vitest'
import { nextTick, ref } from 'vue'
import { useKeymap, type KeydownLike } from './useKeymap'

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
