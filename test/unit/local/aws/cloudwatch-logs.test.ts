import { describe, it, expect } from '@jest/globals';
import fc from 'fast-check';
import {
  CLOUDWATCH_LIMITS,
  cloudWatchLogsEvents,
  controlMessageEvent,
  decodeCloudWatchLogsEvent,
  type LogLine,
} from '#local/aws/cloudwatch-logs';

const source = {
  owner: '123456789012',
  logGroup: 'API-Gateway-Execution-Logs_abc/prod',
  logStream: 'stream-1',
  subscriptionFilters: ['surveyor'],
};
const T0 = Date.UTC(2026, 0, 1);
const decodeAll = (lines: LogLine[], limits = CLOUDWATCH_LIMITS) =>
  cloudWatchLogsEvents(lines, source, limits).map(decodeCloudWatchLogsEvent);

describe('cloudWatchLogsEvents', () => {
  it('wraps log lines in a gzip, base64 DATA_MESSAGE with the subscription metadata', () => {
    // Act
    const [data, ...rest] = decodeAll([{ timestamp: T0, message: '{"requestId":"r1"}' }]);

    // Assert
    expect(rest).toEqual([]);
    expect(data).toMatchObject({ messageType: 'DATA_MESSAGE', ...source });
    expect(data?.logEvents).toEqual([
      { id: expect.stringMatching(/^\d{56}$/), timestamp: T0, message: '{"requestId":"r1"}' },
    ]);
  });

  it('starts a new batch when the events would span more than 24 hours', () => {
    const lines = [0, 3600_000, 25 * 3600_000].map((offset) => ({ timestamp: T0 + offset, message: 'x' }));
    expect(decodeAll(lines).map((d) => d.logEvents.length)).toEqual([2, 1]);
  });

  it('truncates a message longer than the event size limit without splitting a character', () => {
    const limits = { ...CLOUDWATCH_LIMITS, maxEventBytes: 5 };
    const [data] = decodeAll([{ timestamp: T0, message: 'abcé€' }], limits);
    expect(data?.logEvents[0]?.message).toBe('abcé');
  });

  it('delivers every line once, in time order, in batches and payloads within the limits', () => {
    const limits = { ...CLOUDWATCH_LIMITS, maxEventsPerBatch: 7, maxBatchBytes: 400, maxPayloadBytes: 600 };
    const line = fc.record({
      timestamp: fc.integer({ min: T0, max: T0 + 3 * 24 * 3600_000 }),
      message: fc.string({ unit: 'grapheme', maxLength: 60 }),
    });
    fc.assert(
      fc.property(fc.array(line, { maxLength: 80 }), (lines) => {
        const events = cloudWatchLogsEvents(lines, source, limits);
        const decoded = events.map(decodeCloudWatchLogsEvent);
        const delivered = decoded.flatMap((d) =>
          d.logEvents.map((e) => ({ timestamp: e.timestamp, message: e.message })),
        );
        expect(delivered).toEqual([...lines].sort((a, b) => a.timestamp - b.timestamp));
        for (const [i, d] of decoded.entries()) {
          const bytes = d.logEvents.reduce((sum, e) => sum + Buffer.byteLength(e.message) + 26, 0);
          expect(d.logEvents.length).toBeLessThanOrEqual(limits.maxEventsPerBatch);
          expect(bytes).toBeLessThanOrEqual(limits.maxBatchBytes);
          expect((d.logEvents.at(-1)?.timestamp ?? 0) - (d.logEvents[0]?.timestamp ?? 0)).toBeLessThanOrEqual(
            limits.maxBatchSpanMs,
          );
          if (d.logEvents.length > 1)
            expect(JSON.stringify(events[i]).length).toBeLessThanOrEqual(limits.maxPayloadBytes);
          expect(new Set(d.logEvents.map((e) => e.id)).size).toBe(d.logEvents.length);
        }
      }),
    );
  });
});

describe('controlMessageEvent', () => {
  it('builds the health check CloudWatch Logs sends when a subscription is created', () => {
    const data = decodeCloudWatchLogsEvent(controlMessageEvent(T0));
    expect(data).toMatchObject({ messageType: 'CONTROL_MESSAGE', owner: 'CloudwatchLogs', logGroup: '' });
    expect(data.logEvents[0]?.message).toMatch(/^CWL CONTROL MESSAGE/);
  });
});
