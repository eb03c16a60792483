// A call opened from a search starts at its first matching line. The player is built after the
// call and starts at 0, so it is sent there once it exists, and again once its media is ready.
import { nextTick, watch, type Ref } from 'vue'
import type { TranscriptLine } from '@shared/contract'
import { matchRanges, searchTerms } from '@shared/text-search'

interface Seekable {
  seekMs(ms: number): void
}

export function useFirstMatchJump(options: {
  lines: () => TranscriptLine[]
  searchText: () => string
  player: Ref<Seekable | null>
  /** Where the page shows the playhead until the player reports its own time. */
  onJump: (ms: number) => void
}) {
  /** Where the first matching line starts, until the player has been put there. */
  let target: number | null = null

  function jump(): void {
    const terms = searchTerms(options.searchText())
    const line = terms.length > 0 ? options.lines().find((l) => matchRanges(l.content, terms).length > 0) : undefined
    target = line?.startMs ?? null
    if (target === null) return
    options.onJump(target)
    options.player.value?.seekMs(target)
  }

  watch(options.player, (built) => {
    if (built && target !== null) void nextTick(() => target !== null && options.player.value?.seekMs(target))
  })

  return {
    jump,
    /** The reviewer moved the playhead: the jump is no longer wanted. */
    cancel: () => (target = null),
    playerReady(): void {
      if (target !== null) options.player.value?.seekMs(target)
      target = null
    },
  }
}
