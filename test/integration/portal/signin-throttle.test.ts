import { describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { recordSignInFailure, signInBlocked } from '#shared/accounts/signin-throttle';
import { localEnv } from '../local-env.ts';

const { clients, names } = localEnv();

/** The accounts table on DynamoDB Local with a clock the test moves. */
function tableAt(clock: { now: Date }) {
  return { doc: clients.doc, tableName: names.accountsTable, now: () => clock.now };
}

describe('the sign-in throttle', () => {
  it('counts failures that straddle a minute boundary together', async () => {
    const subject = `email:${randomUUID()}@example.com`;
    const clock = { now: new Date('2026-12-02T12:00:58.000Z') };
    const table = tableAt(clock);
    for (let i = 0; i < 3; i += 1) await recordSignInFailure(table, subject);
    clock.now = new Date('2026-12-02T12:01:01.000Z');
    expect(await signInBlocked(table, subject)).toBe(false);
    for (let i = 0; i < 2; i += 1) await recordSignInFailure(table, subject);

    expect(await signInBlocked(table, subject)).toBe(true);
  });

  it('lets the account try again once its failures are more than a minute old', async () => {
    const subject = `email:${randomUUID()}@example.com`;
    const clock = { now: new Date('2026-12-02T13:00:10.000Z') };
    const table = tableAt(clock);
    for (let i = 0; i < 5; i += 1) await recordSignInFailure(table, subject);
    expect(await signInBlocked(table, subject)).toBe(true);

    clock.now = new Date('2026-12-02T13:01:30.000Z');
    expect(await signInBlocked(table, subject)).toBe(true);
    clock.now = new Date('2026-12-02T13:02:00.000Z');
    expect(await signInBlocked(table, subject)).toBe(false);
  });
});
