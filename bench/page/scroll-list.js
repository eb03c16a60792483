/* global document, requestAnimationFrame, performance */
// Scrolls the call list's virtual table top to bottom `stepRows` rows at a time (200 by default; a
// million-row list is crossed in jumps so that the run stays short), waiting at each step until the
// first visible row has its data (its block has arrived). Returns the number of steps, the index of
// the last row shown, and the most rows the calls store held after any step (null if not found).
export default async (arg) => {
  const stepRows = arg?.stepRows ?? 200
  // A block deep in a big list can take seconds under load: wait on a clock, not a frame count.
  const waitMs = arg?.waitMs ?? 120_000
  // The table's body is the descendant that scrolls furthest (the header and scrollbars do not).
  const scroller = [...document.querySelectorAll('[data-testid="call-list"] *')]
    .filter((el) => el.scrollHeight > el.clientHeight + 1000)
    .sort((a, b) => b.scrollHeight - a.scrollHeight)[0]
  if (!scroller) throw new Error('no scroll window in the call list')
  const frame = () => new Promise((resolve) => requestAnimationFrame(resolve))
  // The first visible row, loaded: its "…" placeholder replaced by a row with its call id.
  const loaded = () =>
    document.querySelector(
      `[data-testid="call-row"][data-index="${Math.floor(scroller.scrollTop / 48)}"][data-call-id]`,
    )
  // The calls store's row map, through the app's Pinia (read only, to report what a scroll keeps).
  const pinia = document.querySelector('#app')?.__vue_app__?.config.globalProperties.$pinia
  const heldRows = () => pinia?._s.get('calls')?.rows?.size ?? null
  let mostHeld = null
  let steps = 0
  for (let top = 0; ; top += stepRows * 48) {
    scroller.scrollTop = top
    steps++
    // The table re-renders on the scroll event: give it a frame before checking.
    await frame()
    const deadline = performance.now() + waitMs
    while (!loaded() && performance.now() < deadline) await frame()
    if (!loaded()) throw new Error(`rows at ${scroller.scrollTop}px never loaded`)
    const held = heldRows()
    if (held !== null) mostHeld = Math.max(mostHeld ?? 0, held)
    if (top >= scroller.scrollHeight - scroller.clientHeight) {
      const shown = [...document.querySelectorAll('[data-testid="call-row"][data-call-id]')]
      return { steps, lastRow: Math.max(...shown.map((row) => Number(row.dataset.index))), mostHeld }
    }
  }
}
