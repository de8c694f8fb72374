import { describe, it, expect } from '@jest/globals';
import fc from 'fast-check';
import { redactUrl } from '#shared/url/redact';
import { detectSensitive } from '#shared/url/sensitive';
import { featuresOf, luhnValid, VALUE_DETECTORS } from '#shared/url/sensitive-patterns';

const word = fc.stringMatching(/^[a-z][a-z0-9_]{0,11}$/);

const email = fc
  .tuple(
    fc.stringMatching(/^[a-z0-9][a-z0-9._+-]{0,15}$/),
    fc.array(fc.stringMatching(/^[a-z0-9](?:[a-z0-9-]{0,8}[a-z0-9])?$/), { minLength: 1, maxLength: 3 }),
    fc
      .stringMatching(/^[a-z]{2,6}$/)
      .filter((tld) => !/^(?:png|jpe?g|gif|svg|webp|ico|css|js|json|html?|xml|txt|pdf)$/.test(tld)),
  )
  .map(([local, labels, tld]) => `${local}@${labels.join('.')}.${tld}`);

/** Completes a digit prefix with random digits and the Luhn check digit. */
function withCheckDigit(body: string): string {
  for (let d = 0; d <= 9; d++) if (luhnValid(body + d)) return body + d;
  throw new Error('unreachable');
}
const card = fc
  .tuple(
    fc.constantFrom<[string, number]>(
      ['4', 16],
      ['4', 13],
      ['51', 16],
      ['55', 16],
      ['2221', 16],
      ['34', 15],
      ['37', 15],
      ['6011', 16],
      ['65', 19],
      ['3530', 16],
      ['62', 17],
    ),
    fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 19, maxLength: 19 }),
    fc.constantFrom('', '-', ' '),
  )
  .map(([[prefix, length], digits, sep]) => {
    const number = withCheckDigit(prefix + digits.join('').slice(0, length - prefix.length - 1));
    return sep === '' || length !== 16 ? number : number.match(/.{4}/g)!.join(sep);
  });

const b64 = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');
const jwt = fc
  .tuple(
    fc.constantFrom('HS256', 'RS256', 'ES384', 'none'),
    fc.dictionary(word, fc.oneof(fc.string(), fc.integer())),
    fc.uint8Array({ minLength: 0, maxLength: 64 }),
  )
  .map(
    ([alg, claims, sig]) =>
      `${b64({ alg, typ: 'JWT' })}.${b64(claims)}.${Buffer.from(sig).toString('base64url')}`,
  );

const awsKey = fc
  .tuple(fc.constantFrom('AKIA', 'ASIA'), fc.stringMatching(/^[A-Z2-7]{16}$/))
  .map(([prefix, rest]) => prefix + rest);

const secret = fc.oneof(
  email.map((v) => ['email', v] as const),
  card.map((v) => ['card', v] as const),
  jwt.map((v) => ['jwt', v] as const),
  awsKey.map((v) => ['aws-access-key', v] as const),
);

describe('detectSensitive and redactUrl (properties)', () => {
  it('never throw on any path and query', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary' }),
        fc.option(fc.string({ unit: 'binary' }), { nil: undefined }),
        (path, query) => {
          expect(Array.isArray(detectSensitive(path, query))).toBe(true);
          expect(typeof redactUrl(path, query)).toBe('string');
        },
      ),
    );
  });

  it('find a generated value of each kind as a path segment and as a query value', () => {
    fc.assert(
      fc.property(secret, word, word, ([type, value], before, key) => {
        const inPath = detectSensitive(`/${before}/${encodeURIComponent(value)}/x`);
        expect(inPath.map((h) => h.type)).toContain(type);
        const inQuery = detectSensitive('/p', `${key}=${encodeURIComponent(value)}&n=1`);
        expect(inQuery).toContainEqual({ type, where: 'query', key });
      }),
    );
  });

  it('find every Luhn-valid generated card', () => {
    fc.assert(
      fc.property(card, (number) =>
        expect(detectSensitive(`/cards/${number}`)).toEqual([{ type: 'card', where: 'path' }]),
      ),
    );
  });

  it('leave no generated e-mail, card, JWT or AWS key in the redacted URL', () => {
    fc.assert(
      fc.property(secret, word, word, fc.boolean(), ([, value], segment, key, encode) => {
        const written = encode ? encodeURIComponent(value) : value.replaceAll(' ', '%20');
        const out = redactUrl(`/${segment}/${written}`, `${key}=${written}&other=${written}`);
        for (const form of [value, encodeURIComponent(value), written]) expect(out).not.toContain(form);
      }),
    );
  });

  it('never put a value in the hits', () => {
    fc.assert(
      fc.property(secret, word, ([, value], key) => {
        const hits = detectSensitive(
          `/a/${encodeURIComponent(value)}`,
          `${key}=${encodeURIComponent(value)}`,
        );
        expect(JSON.stringify(hits)).not.toContain(value);
      }),
    );
  });
});

describe('featuresOf (the prefilter)', () => {
  it('never gates out a value a detector would find', () => {
    const unit = fc.constantFrom(
      ...'0123456789--  ..()++@abxAKIeyJ_'.split(''),
      '4111',
      '2024',
      'eyJ',
      'AKIA',
      '@a.io',
    );
    fc.assert(
      fc.property(
        fc.array(unit, { maxLength: 40 }).map((parts) => parts.join('')),
        (text) => {
          const features = featuresOf(text);
          for (const detector of VALUE_DETECTORS) {
            const pattern = new RegExp(detector.pattern.source, 'g');
            const found = [...text.matchAll(pattern)].some((m) => detector.valid?.(m[0]) ?? true);
            if (found)
              expect([detector.type, text, detector.applies(features)]).toEqual([detector.type, text, true]);
          }
        },
      ),
      { numRuns: 5000 },
    );
  });

  it('lets generated sensitive values through', () => {
    fc.assert(
      fc.property(secret, word, ([type, value], before) => {
        const detector = VALUE_DETECTORS.find((d) => d.type === type)!;
        expect(detector.applies(featuresOf(`${before} ${value} ${before}`))).toBe(true);
      }),
    );
  });
});
