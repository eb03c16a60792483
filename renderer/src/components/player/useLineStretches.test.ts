import { describe, expect, it } from 'vitest'
import { effectScope, nextTick, shallowRef } from 'vue'
import { STRETCH_LINES, useLineStretches } from './useLineStretches'

function stretchesOf(count: number) {
  const lines = shallowRef(Array.from({ length: count }, (_, i) => i))
  let paint: () => void = () => undefined
  const painted = () => new Promise<void>((resolve) => (paint = resolve))
  const scope = effectScope()
  const stretches = scope.run(() => useLineStretches(() => lines.value, painted))!
  const mountedLines = () =>
    stretches.stretches.value.reduce((sum, s) => sum + Math.min(s.to, lines.value.length) - s.from, 0)
  return { lines, stretches, mountedLines, paint: () => paint(), scope }
}

describe('a long transcript mounted a stretch at a time', () => {
  it('mounts the first stretches with the page and the rest only after the first paint, in order', async () => {
    const { stretches, mountedLines, paint } = stretchesOf(1000)
    expect(mountedLines()).toBe(2 * STRETCH_LINES)
    expect(stretches.complete.value).toBe(false)
    // Nothing more before the frame is on screen.
    await new Promise((resolve) => setTimeout(resolve, 0))
    expect(mountedLines()).toBe(2 * STRETCH_LINES)
    paint()
    await expect.poll(() => stretches.complete.value, { timeout: 5000 }).toBe(true)
    expect(mountedLines()).toBe(1000)
    expect(stretches.stretches.value.map((s) => s.from)).toEqual(
      Array.from({ length: 20 }, (_, k) => k * STRETCH_LINES),
    )
  })

  it('mounts at once every stretch up to a line the player moves to', () => {
    const { stretches, mountedLines } = stretchesOf(1000)
    stretches.reveal(731)
    expect(mountedLines()).toBe(750)
    stretches.reveal(10) // never fewer
    expect(mountedLines()).toBe(750)
    stretches.reveal(5000) // never past the end
    expect(mountedLines()).toBe(1000)
    expect(stretches.complete.value).toBe(true)
  })

  it('starts again from the top for another call, and a short transcript is whole at once', async () => {
    const { lines, stretches, mountedLines, paint, scope } = stretchesOf(1000)
    stretches.reveal(600)
    lines.value = Array.from({ length: 60 }, (_, i) => i)
    await nextTick()
    expect(mountedLines()).toBe(60)
    expect(stretches.complete.value).toBe(true)
    lines.value = Array.from({ length: 400 }, (_, i) => i)
    await nextTick()
    expect(mountedLines()).toBe(2 * STRETCH_LINES)
    paint()
    await expect.poll(() => stretches.complete.value, { timeout: 5000 }).toBe(true)
    expect(mountedLines()).toBe(400)
    scope.stop()
  })
})
