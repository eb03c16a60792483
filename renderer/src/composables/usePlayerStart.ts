// Where a call opens: at the time a link names (`?t=SECONDS`), else at the first line the list's
// search matches, else at 0. The player is built after the call and starts at 0, so it is sent
// there once it exists, and again once its media is ready.
import { nextTick, watch, type Ref } from 'vue'
import type { LocationQuery } from 'vue-router'
import type { TranscriptLine } from '@shared/contract'
import { matchRanges, searchTerms } from '@shared/text-search'

interface Seekable {
  seekMs(ms: number): void
}

/** `?t=12.5` → 12500; null when absent or not a time (a bad link opens at the start, not at NaN). */
export function momentFromQuery(query: LocationQuery): number | null {
  const raw = query['t']
  if (typeof raw !== 'string' || !/^\d+(\.\d+)?$/.test(raw)) return null
  return Math.round(Number(raw) * 1000)
}

/** Where the first line the search text matches starts, or null. */
export function firstMatchMs(lines: readonly TranscriptLine[], searchText: string): number | null {
  const terms = searchTerms(searchText)
  if (terms.length === 0) return null
  return lines.find((line) => matchRanges(line.content, terms).length > 0)?.startMs ?? null
}

export function usePlayerStart(options: {
  /** Where the call should open, read when it has loaded; null: at the start. */
  target: () => number | null
  player: Ref<Seekable | null>
  /** Where the page shows the playhead until the player reports its own time. */
  onJump: (ms: number) => void
}) {
  /** Where the player is to be put, until it has been put there. */
  let target: number | null = null

  function jump(): void {
    target = options.target()
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
