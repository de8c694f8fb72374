import { describe, it, expect } from '@jest/globals';
import type { ScheduledEvent } from 'aws-lambda';
import { startLocalSchedule } from '#local/aws/schedule';

const until = async (done: () => boolean) => {
  for (let i = 0; i < 200 && !done(); i++) await new Promise((r) => setTimeout(r, 10));
};

describe('local EventBridge schedule', () => {
  it('invokes the handler with Scheduled Events, one at a time, and counts failures', async () => {
    const events: ScheduledEvent[] = [];
    let concurrent = 0;
    let maxConcurrent = 0;
    const logged: string[] = [];
    const schedule = startLocalSchedule({
      functionName: 'assess-tenants',
      region: 'eu-west-1',
      everyMs: 5,
      timeoutMs: 1000,
      log: (m) => logged.push(m),
      handler: async (event) => {
        maxConcurrent = Math.max(maxConcurrent, ++concurrent);
        await new Promise((r) => setTimeout(r, 15));
        concurrent--;
        events.push(event);
        if (events.length === 2) throw new Error('tenant table unavailable');
      },
    });
    await until(() => events.length >= 3);
    await schedule.stop();

    expect(events[0]).toMatchObject({
      'detail-type': 'Scheduled Event',
      source: 'aws.events',
      region: 'eu-west-1',
    });
    expect(Date.parse(events[0]!.time)).not.toBeNaN();
    expect(maxConcurrent).toBe(1);
    expect(schedule.stats().failures).toBe(1);
    expect(logged).toEqual([expect.stringContaining('tenant table unavailable')]);
  });
});
