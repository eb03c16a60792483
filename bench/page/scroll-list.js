/* global document, requestAnimationFrame */
// Scrolls the call list's virtual table top to bottom 200 rows at a time, waiting at each step
// until no row shows its "…" placeholder (its block has arrived); returns the number of steps.
export default async () => {
  // The table's body is the descendant that scrolls furthest (the header and scrollbars do not).
  const scroller = [...document.querySelectorAll('[data-testid="call-list"] *')]
    .filter((el) => el.scrollHeight > el.clientHeight + 1000)
    .sort((a, b) => b.scrollHeight - a.scrollHeight)[0]
  if (!scroller) throw new Error('no scroll window in the call list')
  const frame = () => new Promise((resolve) => requestAnimationFrame(resolve))
  let steps = 0
  for (let top = 0; ; top += 200 * 48) {
    scroller.scrollTop = top
    steps++
    for (let i = 0; i < 600 && document.querySelector('[data-testid="call-row"]:not([data-call-id])'); i++)
      await frame()
    if (top >= scroller.scrollHeight - scroller.clientHeight) return steps
  }
}
