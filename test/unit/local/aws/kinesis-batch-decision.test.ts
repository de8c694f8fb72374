import { describe, it, expect } from '@jest/globals';
import fc from 'fast-check';
import {
  LAMBDA_DEFAULT_POLICY,
  decide,
  expiredCount,
  judge,
  type RetryPolicy,
} from '#local/aws/kinesis-batch-decision';
import type { InvokeOutcome } from '#local/aws/invoke';

const SEQS = ['101', '102', '103', '104'];
const ok = (response: unknown): InvokeOutcome<unknown> => ({ ok: true, response, requestId: 'r' });
const thrown = (error: unknown): InvokeOutcome<unknown> => ({ ok: false, error, requestId: 'r' });
const failures = (...ids: unknown[]) =>
  ok({ batchItemFailures: ids.map((itemIdentifier) => ({ itemIdentifier })) });
const bounded: RetryPolicy = { ...LAMBDA_DEFAULT_POLICY, maximumRetryAttempts: 2 };

describe('judge', () => {
  it.each([undefined, null, {}, { batchItemFailures: [] }, { batchItemFailures: null }, 'OK'])(
    'treats %p as a complete success',
    (response) => {
      expect(judge(ok(response), SEQS, true)).toEqual({ kind: 'success' });
    },
  );

  it('retries from the lowest failed sequence number, whatever the order reported', () => {
    expect(judge(failures('104', '102'), SEQS, true)).toEqual({ kind: 'partial', firstFailed: 1 });
  });

  it.each([[''], [null], [42], ['999']])('fails the whole batch on the invalid identifier %p', (id) => {
    expect(judge(failures('103', id), SEQS, true).kind).toBe('failure');
  });

  it('fails the whole batch when the handler throws, naming the error', () => {
    expect(judge(thrown(new TypeError('boom')), SEQS, true)).toEqual({
      kind: 'failure',
      reason: 'TypeError: boom',
    });
  });

  it('ignores reported failures when the mapping does not report batch item failures', () => {
    expect(judge(failures('101'), SEQS, false)).toEqual({ kind: 'success' });
  });

  it('picks the minimum index of any reported subset', () => {
    const batch = fc.uniqueArray(fc.bigInt({ min: 1n, max: 10n ** 20n }), { minLength: 1, maxLength: 50 });
    fc.assert(
      fc.property(
        batch.chain((seqs) =>
          fc.tuple(fc.constant(seqs.map(String)), fc.subarray(seqs.map(String), { minLength: 1 })),
        ),
        ([seqs, failed]) => {
          const verdict = judge(failures(...failed), seqs, true);
          expect(verdict).toEqual({
            kind: 'partial',
            firstFailed: Math.min(...failed.map((f) => seqs.indexOf(f))),
          });
        },
      ),
    );
  });
});

describe('decide', () => {
  it('checkpoints through the end after a success', () => {
    expect(decide({ kind: 'success' }, 4, 0, bounded)).toEqual({ kind: 'done' });
  });

  it('retries from the first failed record and counts the retry', () => {
    expect(decide({ kind: 'partial', firstFailed: 2 }, 4, 0, bounded)).toEqual({
      kind: 'retry',
      from: 2,
      retries: 1,
    });
  });

  it('gives up the failed tail once retries are exhausted', () => {
    expect(decide({ kind: 'partial', firstFailed: 2 }, 4, 2, bounded)).toEqual({ kind: 'give-up', from: 2 });
  });

  it('retries forever under the default policy', () => {
    expect(decide({ kind: 'failure', reason: 'x' }, 4, 1_000_000, LAMBDA_DEFAULT_POLICY).kind).toBe('retry');
  });

  it('bisects a thrown batch without spending a retry, but not a single record', () => {
    const policy = { ...bounded, bisectBatchOnError: true };
    expect(decide({ kind: 'failure', reason: 'x' }, 5, 2, policy)).toEqual({ kind: 'bisect', at: 3 });
    expect(decide({ kind: 'failure', reason: 'x' }, 1, 2, policy)).toEqual({ kind: 'give-up', from: 0 });
  });

  it('with bisection, isolates exactly the poison records and delivers every other record once', () => {
    // Drives decide/judge the way the poller does, with a handler that throws on any poison record.
    fc.assert(
      fc.property(
        fc.array(fc.boolean(), { minLength: 1, maxLength: 40 }),
        fc.nat(3),
        (poison, maxRetries) => {
          const policy = {
            ...LAMBDA_DEFAULT_POLICY,
            bisectBatchOnError: true,
            maximumRetryAttempts: maxRetries,
          };
          const succeeded: number[] = [];
          const discarded: number[] = [];
          const deliver = (batch: number[], retries: number): void => {
            const outcome = batch.some((i) => poison[i]) ? thrown(new Error('poison')) : ok(undefined);
            const decision = decide(judge(outcome, batch.map(String), true), batch.length, retries, policy);
            if (decision.kind === 'done') succeeded.push(...batch);
            else if (decision.kind === 'bisect') {
              deliver(batch.slice(0, decision.at), retries);
              deliver(batch.slice(decision.at), retries);
            } else if (decision.kind === 'retry') deliver(batch.slice(decision.from), decision.retries);
            else discarded.push(...batch.slice(decision.from));
          };
          deliver(
            poison.map((_, i) => i),
            0,
          );
          expect(discarded).toEqual(poison.flatMap((p, i) => (p ? [i] : [])));
          expect(succeeded).toEqual(poison.flatMap((p, i) => (p ? [] : [i])));
        },
      ),
    );
  });
});

describe('expiredCount', () => {
  it('counts nothing when records never expire', () => {
    expect(expiredCount([0, 1, 2], 1e12, -1)).toBe(0);
  });

  it('counts exactly the leading records older than the maximum age', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(1e6)), fc.nat(1e6), fc.nat(1000), (raw, now, maxAge) => {
        const arrivals = [...raw].sort((a, b) => a - b);
        const n = expiredCount(arrivals, now, maxAge);
        expect(arrivals.slice(0, n).every((a) => a < now - maxAge * 1000)).toBe(true);
        expect(arrivals.slice(n).every((a) => a >= now - maxAge * 1000)).toBe(true);
      }),
    );
  });
});
