/* global document, location, MutationObserver, performance */
// Route change → the call's waveform ready and its first transcript line in the DOM ('ready'),
// and → the page fully built, its deferred parts in too ('built'), in ms. Checked on every DOM
// change, so each time is when the page got there, not when a poll noticed.
export default (id) =>
  new Promise((resolve) => {
    const page = `[data-testid="review-page"][data-call-id="${id}"]`
    const ready = () =>
      document.querySelector(`${page} [data-testid="waveform"][data-state="ready"]`) &&
      document.querySelector(`${page} [data-testid="transcript-line"]`)
    const built = () => document.querySelector(`${page}[data-built="true"]`)
    const started = performance.now()
    const times = { ready: null, built: null }
    const observer = new MutationObserver(() => {
      if (times.ready === null && ready()) times.ready = performance.now() - started
      if (times.ready === null || !built()) return
      times.built = performance.now() - started
      observer.disconnect()
      resolve(times)
    })
    observer.observe(document.body, { subtree: true, childList: true, attributes: true })
    location.hash = `#/calls/${id}`
  })
