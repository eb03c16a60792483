// Seeded pseudo-random numbers for the generator and the fault injector.
// Every draw comes from (seed, …keys), so a call's data never depends on what was generated before it.

export interface Rng {
  /** Uniform in [0, 1). */
  next(): number
  /** Integer in [min, max], both inclusive. */
  int(min: number, max: number): number
  pick<T>(items: readonly T[]): T
  chance(probability: number): boolean
  /** Index drawn by weight. */
  weighted(weights: readonly number[]): number
}

/** FNV-1a over the keys' 32-bit words, then a murmur finaliser: cheap and well spread. */
export function hashKeys(...keys: number[]): number {
  let h = 0x811c9dc5
  for (const key of keys) {
    // Fold keys beyond 32 bits too (seeds may be large).
    const low = key >>> 0
    const high = Math.floor(key / 0x100000000) >>> 0
    for (const word of [low, high]) {
      h ^= word
      h = Math.imul(h, 0x01000193)
    }
  }
  h ^= h >>> 16
  h = Math.imul(h, 0x85ebca6b)
  h ^= h >>> 13
  h = Math.imul(h, 0xc2b2ae35)
  h ^= h >>> 16
  return h >>> 0
}

/** mulberry32: tiny, fast, good enough for test data. */
export function createRng(...keys: number[]): Rng {
  let state = hashKeys(...keys)
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const rng: Rng = {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (items) => {
      if (items.length === 0) throw new Error('pick from an empty list')
      return items[Math.floor(next() * items.length)] as (typeof items)[number]
    },
    chance: (probability) => next() < probability,
    weighted: (weights) => {
      const total = weights.reduce((sum, w) => sum + w, 0)
      let r = next() * total
      for (let i = 0; i < weights.length; i++) {
        r -= weights[i] ?? 0
        if (r < 0) return i
      }
      return weights.length - 1
    },
  }
  return rng
}
