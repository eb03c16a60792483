import { describe, expect, it } from 'vitest'
import { nextTick, ref } from 'vue'
import type { TranscriptLine } from '@shared/contract'
import { firstMatchMs, momentFromQuery, usePlayerStart } from './usePlayerStart'

function line(startMs: number, content: string): TranscriptLine {
  return {
    index: startMs,
    speaker: 'customer',
    content,
    startMs,
    endMs: startMs + 900,
    inferred: false,
    userMean: null,
    aiUnknown: null,
  }
}

function recordingPlayer() {
  const seeks: number[] = []
  return { seeks, seekMs: (ms: number) => void seeks.push(ms) }
}

describe('where a call opens', () => {
  it("reads a link's time in seconds, and ignores one that is not a time", () => {
    expect(momentFromQuery({ t: '12.5' })).toBe(12_500)
    expect(momentFromQuery({ t: '0' })).toBe(0)
    expect(momentFromQuery({ t: '-3' })).toBeNull()
    expect(momentFromQuery({ t: '1e3' })).toBeNull()
    expect(momentFromQuery({ t: ['4'] })).toBeNull()
    expect(momentFromQuery({})).toBeNull()
  })

  it("finds the search's first matching line", () => {
    const lines = [line(0, '您好'), line(2000, '价格太贵了'), line(5000, '价格可以')]
    expect(firstMatchMs(lines, '价格')).toBe(2000)
    expect(firstMatchMs(lines, '')).toBeNull()
    expect(firstMatchMs(lines, '微信')).toBeNull()
  })

  it('sends a player built after the call to the target, and again when its media is ready', async () => {
    const player = ref<ReturnType<typeof recordingPlayer> | null>(null)
    const shown: number[] = []
    const start = usePlayerStart({ target: () => 7000, player, onJump: (ms) => shown.push(ms) })
    start.jump()
    expect(shown).toEqual([7000])
    const built = recordingPlayer()
    player.value = built
    await nextTick()
    await nextTick()
    expect(built.seeks).toEqual([7000])
    start.playerReady()
    expect(built.seeks).toEqual([7000, 7000])
    // Ready again later (a track switch) is not a reason to jump back.
    start.playerReady()
    expect(built.seeks).toEqual([7000, 7000])
  })

  it('stays where the reviewer moved the playhead before the media was ready', async () => {
    const built = recordingPlayer()
    const player = ref<ReturnType<typeof recordingPlayer> | null>(built)
    const start = usePlayerStart({ target: () => 3000, player, onJump: () => {} })
    start.jump()
    start.cancel()
    start.playerReady()
    expect(built.seeks).toEqual([3000])
  })

  it('leaves a call with no target at the start', () => {
    const built = recordingPlayer()
    const start = usePlayerStart({ target: () => null, player: ref(built), onJump: () => {} })
    start.jump()
    start.playerReady()
    expect(built.seeks).toEqual([])
  })
})
