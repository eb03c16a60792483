/* global document, requestAnimationFrame, performance */
// Scrolls the call list's virtual table top to bottom `stepRows` rows at a time (200 by default; a
// million-row list is crossed in jumps so that the run stays short), waiting at each step until the
// first visible row has its data (its block has arrived). Rows are counted in the list's own indices:
// beyond 500,000 rows the table holds a segment of the list (renderer/src/stores/list-segment.ts)
// whose start the calls store keeps, and moves it as the view nears its edge. Returns the number of
// steps, the index of the last row shown, and the most rows the calls store held after any step
// (null if not found). A scroll that stops moving before the last row ends the run where it stands.
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
  // The calls store, through the app's Pinia (read only: the segment's start, the list's length and
  // how many rows a scroll keeps).
  const pinia = document.querySelector('#app')?.__vue_app__?.config.globalProperties.$pinia
  const store = () => pinia?._s.get('calls')
  const segmentStart = () => store()?.segmentStart ?? 0
  const firstShown = () => segmentStart() + Math.floor(scroller.scrollTop / 48)
  // A row on screen, loaded: its "…" placeholder replaced by a row with its call id.
  const loaded = (index) => document.querySelector(`[data-testid="call-row"][data-index="${index}"][data-call-id]`)
  const heldRows = () => store()?.rows?.size ?? null
  const lastShown = () =>
    Math.max(
      ...[...document.querySelectorAll('[data-testid="call-row"][data-call-id]')].map((r) => Number(r.dataset.index)),
    )
  let mostHeld = null
  let steps = 0
  let before = -1
  for (let target = 0; ; target = firstShown() + stepRows) {
    // The offset of the target row in the table's segment (clamped by the browser at its end).
    scroller.scrollTop = (target - segmentStart()) * 48
    steps++
    // The table re-renders on the scroll event (and may move its segment): give it a frame first.
    await frame()
    const deadline = performance.now() + waitMs
    while (!loaded(firstShown()) && performance.now() < deadline) await frame()
    if (!loaded(firstShown())) throw new Error(`rows at row ${firstShown()} never loaded`)
    const held = heldRows()
    if (held !== null) mostHeld = Math.max(mostHeld ?? 0, held)
    const total = store()?.total
    const atEnd =
      total !== undefined ? loaded(total - 1) : scroller.scrollTop >= scroller.scrollHeight - scroller.clientHeight
    if (atEnd || firstShown() <= before) return { steps, lastRow: lastShown(), mostHeld }
    before = firstShown()
  }
}
