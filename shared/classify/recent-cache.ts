/**
 * A bounded cache of recent results with LRU-like behaviour at Map speed: two generations, and when
 * the young one fills up the old one is dropped. A hit in the old generation is promoted, so keys in
 * steady use survive; a get is one or two Map lookups and never reorders anything.
 */
export class RecentCache<V, K = string> {
  private young = new Map<K, V>();
  private old = new Map<K, V>();
  private readonly half: number;

  /** `capacity` bounds the entries held (at most `capacity`, at least `capacity / 2` once warm). */
  constructor(capacity: number) {
    this.half = Math.max(1, Math.floor(capacity / 2));
  }

  get(key: K): V | undefined {
    const hit = this.young.get(key);
    if (hit !== undefined) return hit;
    const aged = this.old.get(key);
    if (aged !== undefined) this.set(key, aged);
    return aged;
  }

  set(key: K, value: V): void {
    if (this.young.size >= this.half) {
      this.old = this.young;
      this.young = new Map();
    }
    this.young.set(key, value);
  }
}
