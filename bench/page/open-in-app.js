/* global document, location, MutationObserver, performance */
// Route change → the call's waveform ready and its first transcript line in the DOM, in ms.
// Checked on every DOM change, so the time is when the page got there, not when a poll noticed.
export default (id) =>
  new Promise((resolve) => {
    const page = `[data-testid="review-page"][data-call-id="${id}"]`
    const done = () =>
      document.querySelector(`${page} [data-testid="waveform"][data-state="ready"]`) &&
      document.querySelector(`${page} [data-testid="transcript-line"]`)
    const started = performance.now()
    const observer = new MutationObserver(() => {
      if (!done()) return
      observer.disconnect()
      resolve(performance.now() - started)
    })
    observer.observe(document.body, { subtree: true, childList: true, attributes: true })
    location.hash = `#/calls/${id}`
  })
