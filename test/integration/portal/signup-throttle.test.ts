import { describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { claimSignUp, SIGNUP_LIMITS, type SignUpLimits } from '#shared/accounts/signup-throttle';
import { localEnv } from '../local-env.ts';

const { clients, names } = localEnv();

/** The accounts table on DynamoDB Local with a clock the test moves. */
function tableAt(clock: { now: Date }) {
  return { doc: clients.doc, tableName: names.accountsTable, now: () => clock.now };
}

/** Small limits and a global counter of the test's own, so tests share no count. */
const limits = (overrides: Partial<SignUpLimits> = {}): SignUpLimits => ({
  ...SIGNUP_LIMITS,
  perAddress: 3,
  global: 5,
  windowMs: 60_000,
  globalSubject: `global-${randomUUID()}`,
  ...overrides,
});

async function claims(table: ReturnType<typeof tableAt>, address: string, n: number, l: SignUpLimits) {
  const results: boolean[] = [];
  for (let i = 0; i < n; i += 1) results.push(await claimSignUp(table, address, l));
  return results;
}

describe('the sign-up throttle', () => {
  it('refuses an address past its limit while other addresses still sign up', async () => {
    const clock = { now: new Date('2031-01-01T10:00:05.000Z') };
    const table = tableAt(clock);
    const l = limits();
    const address = `ip-${randomUUID()}`;

    expect(await claims(table, address, 4, l)).toEqual([true, true, true, false]);
    expect(await claimSignUp(table, `ip-${randomUUID()}`, l)).toBe(true);
  });

  it('counts attempts that straddle a window boundary together, and forgets them two windows on', async () => {
    const clock = { now: new Date('2031-01-01T11:00:58.000Z') };
    const table = tableAt(clock);
    const l = limits();
    const address = `ip-${randomUUID()}`;
    expect(await claims(table, address, 2, l)).toEqual([true, true]);

    clock.now = new Date('2031-01-01T11:01:02.000Z');
    expect(await claims(table, address, 2, l)).toEqual([true, false]);
    clock.now = new Date('2031-01-01T11:01:59.000Z');
    expect(await claimSignUp(table, address, l)).toBe(false);

    clock.now = new Date('2031-01-01T11:02:00.000Z');
    expect(await claimSignUp(table, address, l)).toBe(true);
  });

  it('stops every address once the portal-wide limit is reached', async () => {
    const clock = { now: new Date('2031-01-01T12:00:00.000Z') };
    const table = tableAt(clock);
    const l = limits();
    const outcomes: boolean[] = [];
    for (let i = 0; i < 6; i += 1) outcomes.push(await claimSignUp(table, `ip-${randomUUID()}`, l));

    expect(outcomes).toEqual([true, true, true, true, true, false]);
  });

  it('lets no more than the limit through when sign-ups race', async () => {
    const clock = { now: new Date('2031-01-01T13:00:00.000Z') };
    const table = tableAt(clock);
    const l = limits({ perAddress: 100, global: 4 });

    const outcomes = await Promise.all(
      Array.from({ length: 12 }, () => claimSignUp(table, `ip-${randomUUID()}`, l)),
    );

    expect(outcomes.filter(Boolean)).toHaveLength(4);
  });
});
