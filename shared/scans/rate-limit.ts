/**
 * Token-bucket request rate limits for scan probes: one per host (kind to each target) and one per
 * scan (kind to the network). Each limiter owns its bucket; the clock and the wait are injected.
 */
export interface RateLimiter {
  /** Resolves when one more request may go. */
  take(): Promise<void>;
}

export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

const REAL_CLOCK: Clock = {
  now: () => performance.now(),
  sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
};

/** `perSecond` requests a second on average, bursts up to `burst`. */
export function rateLimiter(perSecond: number, burst = perSecond, clock: Clock = REAL_CLOCK): RateLimiter {
  let tokens = burst;
  let last = clock.now();
  let queue: Promise<void> = Promise.resolve();
  const refill = () => {
    const now = clock.now();
    tokens = Math.min(burst, tokens + ((now - last) / 1000) * perSecond);
    last = now;
  };
  return {
    take() {
      // Callers are served in order: each waits for the one before it.
      const turn = queue.then(async () => {
        refill();
        if (tokens < 1) {
          await clock.sleep(((1 - tokens) / perSecond) * 1000);
          refill();
        }
        tokens -= 1;
      });
      queue = turn;
      return turn;
    },
  };
}

/** Both limits at once: `both(perHost, global).take()`. */
export function both(...limiters: readonly RateLimiter[]): RateLimiter {
  return {
    async take() {
      for (const limiter of limiters) await limiter.take();
    },
  };
}

/** Defaults: 50 requests a second per host, 2,000 per scan process. */
export const PER_HOST_RATE = 50;
export const GLOBAL_RATE = 2000;
