// Waiting for the browser to put the current frame on screen, so that work which can wait
// (the parts of a page the reader does not look at first) does not hold that frame back.

/**
 * Resolves in the task after the next frame: animation-frame callbacks run just before the frame
 * is painted, and a task queued from one runs once the paint is done.
 */
export function afterNextPaint(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)))
}
