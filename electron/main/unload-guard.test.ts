import { describe, expect, it } from 'vitest'
import { guardUnload } from './unload-guard'

/** A window whose page asked to stay, and a reviewer answering the dialog with `choice`. */
function closeWithUnsavedReview(choice: number, language: 'zh-CN' | 'en' = 'zh-CN', journaled = 0) {
  const listeners = new Map<string, (event: { preventDefault(): void }) => void>()
  const asked: { buttons?: string[]; message?: string; detail?: string }[] = []
  const window = { webContents: { on: (name: string, listener: never) => listeners.set(name, listener) } }
  guardUnload(
    window as never,
    {
      showMessageBoxSync: ((_w: unknown, options: { buttons?: string[]; message?: string; detail?: string }) => (
        asked.push(options),
        choice
      )) as never,
    },
    () => language,
    () => journaled,
  )
  let closes = false
  listeners.get('will-prevent-unload')!({ preventDefault: () => (closes = true) })
  return { closes, asked }
}

describe('closing a window with a review not stored yet', () => {
  it('asks the reviewer, in the UI language, and closes only when told to', () => {
    const stay = closeWithUnsavedReview(1)
    expect(stay.closes).toBe(false)
    expect(stay.asked[0]).toMatchObject({ buttons: ['仍然关闭', '留下'], message: '还有审核记录没保存' })
    const close = closeWithUnsavedReview(0, 'en')
    expect(close.closes).toBe(true)
    expect(close.asked[0]?.buttons).toEqual(['Close anyway', 'Stay'])
  })

  it('says the edits are lost unless main’s draft journal holds them, and then that they are kept', () => {
    expect(closeWithUnsavedReview(1).asked[0]?.detail).toContain('现在关闭会丢失这些修改')
    expect(closeWithUnsavedReview(1, 'zh-CN', 2).asked[0]?.detail).toContain(
      '这些修改已暂存，下次打开 CallLens 时会接着保存',
    )
    expect(closeWithUnsavedReview(1, 'en', 1).asked[0]?.detail).toContain('Its edits are kept')
  })
})
