// The Wilson score interval for a proportion: honest at small counts and near 0 or 1, where the
// normal approximation gives bounds outside [0, 1] or of zero width.

/** z for a two-sided 95 % interval. */
export const Z_95 = 1.959963984540054

export function wilsonInterval(successes: number, trials: number, z = Z_95): { low: number; high: number } | null {
  if (trials <= 0) return null
  const p = successes / trials
  const z2 = z * z
  const denominator = 1 + z2 / trials
  const centre = (p + z2 / (2 * trials)) / denominator
  const half = (z * Math.sqrt((p * (1 - p)) / trials + z2 / (4 * trials * trials))) / denominator
  // At p = 0 the low bound is exactly 0 and at p = 1 the high one exactly 1; rounding would miss them.
  return {
    low: successes <= 0 ? 0 : Math.max(0, centre - half),
    high: successes >= trials ? 1 : Math.min(1, centre + half),
  }
}
