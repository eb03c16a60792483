/* global window, document, MutationObserver, performance */
// On each keydown of J: ms until the highlighted line and the player time have both changed
// ('app'), or until a bare handler's attribute write is observed ('floor': the measuring floor).
export default (mode) => {
  window.__keyTimes = []
  const marker = document.createElement('div')
  document.body.append(marker)
  const line = () => document.querySelector('[data-testid="transcript-line"][aria-current="true"]')
  const ms = () => document.querySelector('[data-testid="player-time"]')?.getAttribute('data-ms')
  window.addEventListener(
    'keydown',
    (event) => {
      if (event.key !== 'j') return
      const started = performance.now()
      const before = { line: line(), ms: ms() }
      const settled = () =>
        mode === 'floor' ? marker.dataset.hit === String(started) : line() !== before.line && ms() !== before.ms
      const observer = new MutationObserver(() => {
        if (!settled()) return
        observer.disconnect()
        window.__keyTimes.push(performance.now() - started)
      })
      observer.observe(document.body, { subtree: true, attributes: true, childList: true, characterData: true })
      if (mode === 'floor') {
        event.stopImmediatePropagation()
        marker.dataset.hit = String(started)
      }
    },
    { capture: true },
  )
}
