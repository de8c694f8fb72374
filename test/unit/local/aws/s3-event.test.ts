import { describe, it, expect } from '@jest/globals';
import fc from 'fast-check';
import { decodeS3EventKey, s3EventKey, s3ObjectCreatedEvent } from '#local/aws/s3-event';

describe('s3EventKey', () => {
  it.each([
    ['red flower.jpg', 'red+flower.jpg'],
    [
      'AWSLogs/123456789012/elasticloadbalancing/us-east-1/2026/01/01/x.log.gz',
      'AWSLogs/123456789012/elasticloadbalancing/us-east-1/2026/01/01/x.log.gz',
    ],
    ['a+b (1)/c=d', 'a%2Bb+%281%29/c%3Dd'],
    ['café', 'caf%C3%A9'],
  ])('encodes %p as S3 notifications do: %p', (key, encoded) => {
    expect(s3EventKey(key)).toBe(encoded);
  });

  it('is undone by the decoding handlers apply, for any key', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 100 }), (key) => {
        expect(decodeS3EventKey(s3EventKey(key))).toBe(key);
      }),
    );
  });
});

describe('s3ObjectCreatedEvent', () => {
  it('builds one ObjectCreated record with the bucket ARN, encoded key, size, eTag and sequencer', () => {
    // Act
    const event = s3ObjectCreatedEvent({
      bucket: 'logs',
      key: 'a b.gz',
      size: 42,
      eTag: 'd41d8cd98f00b204e9800998ecf8427e',
      sequencer: '00000000000000000A',
      region: 'eu-west-1',
      eventTime: new Date(Date.UTC(2026, 0, 1)),
    });

    // Assert
    expect(event.Records).toHaveLength(1);
    expect(event.Records[0]).toMatchObject({
      eventVersion: '2.1',
      eventSource: 'aws:s3',
      awsRegion: 'eu-west-1',
      eventTime: '2026-01-01T00:00:00.000Z',
      eventName: 'ObjectCreated:Put',
      s3: {
        s3SchemaVersion: '1.0',
        bucket: { name: 'logs', arn: 'arn:aws:s3:::logs' },
        object: {
          key: 'a+b.gz',
          size: 42,
          eTag: 'd41d8cd98f00b204e9800998ecf8427e',
          sequencer: '00000000000000000A',
        },
      },
    });
  });
});
