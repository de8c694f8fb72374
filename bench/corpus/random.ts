/** Seeded randomness for the benchmark corpus: the same seed always gives the same traffic. */

/** A PRNG returning floats in [0, 1). */
export type Rng = () => number;

/** mulberry32: tiny, fast and good enough for sampling (not for anything secret). */
export function seededRng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A child PRNG whose stream depends only on the parent seed and `label`, not on draw order. */
export function forkRng(seed: number, label: string): Rng {
  let h = 2166136261 ^ seed;
  for (let i = 0; i < label.length; i++) h = Math.imul(h ^ label.charCodeAt(i), 16777619);
  return seededRng(h);
}

/** An integer in [min, max]. */
export function intBetween(rng: Rng, min: number, max: number): number {
  return min + Math.floor(rng() * (max - min + 1));
}

/** One element of a non-empty array. */
export function pick<T>(rng: Rng, items: readonly T[]): T {
  return items[Math.floor(rng() * items.length)]!;
}

/** An integer in [min, max] whose logarithm is uniform: as many 1-10 as 10-100 as 100-1000. */
export function logUniformInt(rng: Rng, min: number, max: number): number {
  const v = Math.exp(Math.log(min) + rng() * (Math.log(max + 1) - Math.log(min)));
  return Math.min(max, Math.floor(v));
}

/** Fisher-Yates shuffle in place. */
export function shuffle<T>(rng: Rng, items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

/**
 * Samples ranks 0..n-1 with P(rank r) proportional to 1/(r+1)^s (Zipf), by binary search on the
 * cumulative weights: O(log n) per draw, n floats of memory.
 */
export class ZipfSampler {
  private readonly cumulative: Float64Array;

  constructor(
    readonly n: number,
    exponent = 1,
  ) {
    this.cumulative = new Float64Array(n);
    let total = 0;
    for (let r = 0; r < n; r++) {
      total += 1 / Math.pow(r + 1, exponent);
      this.cumulative[r] = total;
    }
  }

  /** A rank in [0, n). */
  sample(rng: Rng): number {
    const target = rng() * this.cumulative[this.n - 1]!;
    let lo = 0;
    let hi = this.n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.cumulative[mid]! <= target) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
