// The counting columns keep their calls in call id order (count-columns.ts); the places that
// go from a call id to its index there share this binary search.

/** The index of `id` in ascending `ids`, or -1. */
export function indexOfId(ids: Float64Array, id: number): number {
  let lo = 0
  let hi = ids.length - 1
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1
    const v = ids[mid]!
    if (v === id) return mid
    if (v < id) lo = mid + 1
    else hi = mid - 1
  }
  return -1
}
