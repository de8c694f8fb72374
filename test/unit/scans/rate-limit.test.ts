import { describe, it, expect } from '@jest/globals';
import { both, rateLimiter, type Clock } from '#shared/scans/rate-limit';

/** A clock that only moves when someone sleeps. */
function fakeClock(): Clock & { slept: number[] } {
  let now = 0;
  const slept: number[] = [];
  return {
    slept,
    now: () => now,
    sleep: async (ms) => {
      slept.push(Math.round(ms));
      now += ms;
    },
  };
}

describe('rateLimiter', () => {
  it('lets a burst through at once, then paces requests at the rate', async () => {
    const clock = fakeClock();
    const limiter = rateLimiter(10, 3, clock);
    for (let i = 0; i < 6; i++) await limiter.take();
    expect(clock.slept).toEqual([100, 100, 100]);
    expect(clock.now()).toBeCloseTo(300);
  });

  it('serves concurrent callers in order without exceeding the rate', async () => {
    const clock = fakeClock();
    const limiter = rateLimiter(5, 1, clock);
    const order: number[] = [];
    await Promise.all([0, 1, 2, 3].map((i) => limiter.take().then(() => order.push(i))));
    expect(order).toEqual([0, 1, 2, 3]);
    expect(clock.now()).toBeCloseTo(600);
  });

  it('applies the stricter of a per-host and a global limit', async () => {
    const clock = fakeClock();
    const limiter = both(rateLimiter(100, 1, clock), rateLimiter(2, 1, clock));
    for (let i = 0; i < 3; i++) await limiter.take();
    expect(clock.now()).toBeGreaterThanOrEqual(1000);
  });
});
