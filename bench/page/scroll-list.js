/* global document, requestAnimationFrame */
// Scrolls the call list's virtual table top to bottom `stepRows` rows at a time (200 by default; a
// million-row list is crossed in jumps so that the run stays short), waiting at each step until the
// first visible row has its data (its block has arrived); returns the number of steps and the
// index of the last row shown.
export default async (arg) => {
  const stepRows = arg?.stepRows ?? 200
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
  let steps = 0
  for (let top = 0; ; top += stepRows * 48) {
    scroller.scrollTop = top
    steps++
    // The table re-renders on the scroll event: give it a frame before checking.
    await frame()
    for (let i = 0; i < 600 && !loaded(); i++) await frame()
    if (!loaded()) throw new Error(`rows at ${scroller.scrollTop}px never loaded`)
    if (top >= scroller.scrollHeight - scroller.clientHeight) {
      const shown = [...document.querySelectorAll('[data-testid="call-row"][data-call-id]')]
      return { steps, lastRow: Math.max(...shown.map((row) => Number(row.dataset.index))) }
    }
  }
}
