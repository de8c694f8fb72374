import { describe, it, expect } from '@jest/globals';
import { deliver, retryAfter, type DeliveryOptions } from '#shared/alerts/deliver';
import { LOCAL_DESTINATIONS, AWS_DESTINATIONS } from '#shared/alerts/destination';
import { RefusedAddressError, type AlertRequest, type AlertResponse } from '#shared/alerts/transport';
import { integration, opened, ROUTING_KEY } from './fixtures.ts';

/** A transport answering from a script, and a clock that sleeping moves forward. */
function scripted(answers: (AlertResponse | Error)[]) {
  const requests: AlertRequest[] = [];
  const waits: number[] = [];
  let now = Date.parse('2024-05-01T13:00:00Z');
  const options: DeliveryOptions = {
    transport: async (request) => {
      requests.push(request);
      const answer = answers.shift() ?? { status: 200, headers: {}, body: '' };
      if (answer instanceof Error) throw answer;
      return answer;
    },
    policy: AWS_DESTINATIONS,
    now: () => new Date(now),
    sleep: async (ms) => {
      waits.push(ms);
      now += ms;
    },
    random: () => 0.5,
    deadline: now + 120_000,
  };
  return { options, requests, waits };
}

const answer = (status: number, headers: Record<string, string> = {}, body = ''): AlertResponse => ({
  status,
  headers,
  body,
});

describe('delivering one event', () => {
  it('retries 5xx, 429 and network errors with jittered exponential backoff until delivered', async () => {
    const { options, requests, waits } = scripted([
      answer(503),
      new Error('ECONNRESET'),
      answer(429),
      answer(202),
    ]);

    const outcome = await deliver(integration(), opened(), options);

    expect(outcome).toEqual({ kind: 'delivered', attempts: 4, status: 202 });
    expect(requests).toHaveLength(4);
    // Full jitter at 0.5 of 500 ms, 1 s, 2 s.
    expect(waits).toEqual([250, 500, 1000]);
    expect(new Set(requests.map((r) => r.headers['webhook-id'])).size).toBe(1);
  });

  it('waits at least what Retry-After asks (seconds or an HTTP date)', async () => {
    const { options, waits } = scripted([answer(429, { 'retry-after': '7' }), answer(200)]);
    expect((await deliver(integration(), opened(), options)).kind).toBe('delivered');
    expect(waits).toEqual([7000]);
    expect(retryAfter('Wed, 01 May 2024 13:00:30 GMT', Date.parse('2024-05-01T13:00:00Z'))).toBe(30_000);
    expect(retryAfter('soon', 0)).toBeUndefined();
  });

  it('gives up with the reason when Retry-After is beyond the retry budget', async () => {
    const { options, requests } = scripted([answer(429, { 'retry-after': '3600' })]);
    const outcome = await deliver(integration(), opened(), options);
    expect(outcome).toMatchObject({ kind: 'failed', attempts: 1, status: 429, disable: false });
    expect(outcome.kind === 'failed' && outcome.reason).toContain('Retry-After 3600 s');
    expect(requests).toHaveLength(1);
  });

  it('stops after the last attempt and says how it ended', async () => {
    const { options, requests } = scripted(Array.from({ length: 9 }, () => answer(500, {}, 'upstream down')));
    const outcome = await deliver(integration(), opened(), { ...options, maxAttempts: 3 });
    expect(requests).toHaveLength(3);
    expect(outcome).toMatchObject({ kind: 'failed', attempts: 3, status: 500 });
    expect(outcome.kind === 'failed' && outcome.reason).toBe('500 upstream down; gave up after 3 attempts');
  });

  it('does not start an attempt past the deadline', async () => {
    const { options, requests } = scripted([answer(503), answer(503)]);
    const outcome = await deliver(integration(), opened(), {
      ...options,
      deadline: options.now().getTime() + 100,
    });
    expect(requests).toHaveLength(1);
    expect(outcome.kind === 'failed' && outcome.reason).toContain('out of time');
  });

  it("treats PagerDuty's 400 as final, with PagerDuty's message", async () => {
    const pd = integration({
      type: 'pagerduty',
      url: 'https://events.pagerduty.com/v2/enqueue',
      routingKey: ROUTING_KEY,
    });
    const { options, requests } = scripted([answer(400, {}, '{"status":"invalid event","errors":["bad"]}')]);
    const outcome = await deliver(pd, opened(), options);
    expect(requests).toHaveLength(1);
    expect(outcome).toMatchObject({ kind: 'failed', status: 400, disable: false });
    expect(outcome.kind === 'failed' && outcome.reason).toContain('PagerDuty rejected the event');
  });

  it('disables the integration on 410 Gone, and never follows redirects', async () => {
    const gone = await deliver(integration(), opened(), scripted([answer(410)]).options);
    expect(gone).toMatchObject({ kind: 'failed', status: 410, disable: true });
    const moved = await deliver(
      integration(),
      opened(),
      scripted([answer(302, { location: 'http://169.254.169.254/' })]).options,
    );
    expect(moved).toMatchObject({ kind: 'failed', status: 302, disable: false });
  });

  it('never retries a refused address, and re-checks the destination rules before sending', async () => {
    const refused = scripted([new RefusedAddressError('10.0.0.5 is a private address')]);
    const outcome = await deliver(integration(), opened(), refused.options);
    expect(refused.requests).toHaveLength(1);
    expect(outcome.kind === 'failed' && outcome.reason).toBe(
      'unsafe destination: 10.0.0.5 is a private address',
    );

    const local = integration({ url: 'http://127.0.0.1:9/hook' });
    const inAws = scripted([]);
    const blocked = await deliver(local, opened(), inAws.options);
    expect(inAws.requests).toHaveLength(0);
    expect(blocked).toMatchObject({ kind: 'failed', attempts: 0 });
    expect(
      (await deliver(local, opened(), { ...scripted([]).options, policy: LOCAL_DESTINATIONS })).kind,
    ).toBe('delivered');
  });
});
