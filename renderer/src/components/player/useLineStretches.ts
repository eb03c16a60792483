// A long call's transcript mounted a stretch at a time: the first stretches with the page, the
// rest one per task after the first paint (a 60-minute call has ~1,000 lines, ~140 ms of mounting
// that would otherwise stand between the route and the first frame). A line the player or the
// find box moves to is mounted at once, with every stretch before it, so positions stay in order.
import { computed, onScopeDispose, ref, watch } from 'vue'
import { afterNextPaint } from '../../composables/after-next-paint'

/** Lines per stretch: a stretch mounts in a few ms, well inside a frame. */
export const STRETCH_LINES = 50
/** Mounted with the page: more than a transcript panel shows (and all of a typical call). */
const FIRST_STRETCHES = 2

export interface LineStretch {
  from: number
  to: number
}

/**
 * `afterPaint` resolves once the page's first frame is on screen (afterNextPaint; tests pass their
 * own), and the rest is mounted one stretch a task from then on.
 */
export function useLineStretches(lines: () => readonly unknown[], afterPaint: () => Promise<void> = afterNextPaint) {
  const mounted = ref(0)
  const total = computed(() => Math.ceil(lines().length / STRETCH_LINES))
  const stretches = computed<LineStretch[]>(() =>
    Array.from({ length: Math.min(mounted.value, total.value) }, (_, k) => ({
      from: k * STRETCH_LINES,
      to: (k + 1) * STRETCH_LINES,
    })),
  )
  const complete = computed(() => mounted.value >= total.value)
  /** Bumped when the lines change or the panel goes: an older mounting loop stops. */
  let run = 0

  async function mountTheRest(current: number): Promise<void> {
    await afterPaint()
    while (current === run && mounted.value < total.value) {
      mounted.value++
      // One stretch a task: a key pressed meanwhile is handled between two of them.
      await new Promise((resolve) => setTimeout(resolve, 0))
    }
  }

  /** Mounts the stretches up to the line at `index` now (it is about to be scrolled to). */
  function reveal(index: number): void {
    if (index < 0) return
    mounted.value = Math.max(mounted.value, Math.min(total.value, Math.floor(index / STRETCH_LINES) + 1))
  }

  // Another call's lines (or the same call's, read again): mounted afresh from the top.
  watch(
    lines,
    () => {
      const current = ++run
      mounted.value = Math.min(FIRST_STRETCHES, total.value)
      if (mounted.value < total.value) void mountTheRest(current)
    },
    { immediate: true },
  )
  onScopeDispose(() => run++)

  return { stretches, complete, reveal }
}
