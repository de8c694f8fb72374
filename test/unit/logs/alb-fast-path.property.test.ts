import { describe, it, expect } from '@jest/globals';
import fc from 'fast-check';
import { parseAlbLine } from '#shared/logs/alb';
import { FieldScanner } from '#shared/logs/field-scanner';
import { ReferenceFieldScanner, referenceParseAlbLine } from './alb-reference.ts';
import { fixtureLines } from './fixtures.ts';

/** Characters that make field scanning hard: quotes, escapes, spaces, dashes, digits, dots. */
const tricky = fc.constantFrom(
  ' ',
  ' ',
  '"',
  '\\',
  '-',
  '.',
  '0',
  '7',
  'x',
  '4',
  'F',
  'a',
  ':',
  '/',
  '?',
  '=',
);
const trickyText = (maxLength: number) =>
  fc.array(fc.oneof(tricky, fc.string({ maxLength: 3 })), { maxLength }).map((a) => a.join(''));

/** A quoted field: escaped as ALB writes it, or left raw (stray quotes and backslashes). */
const quoted = (content: fc.Arbitrary<string>) =>
  fc.tuple(content, fc.boolean()).map(([text, escape]) =>
    escape
      ? `"${text
          .replace(/\\/g, '\\\\')
          .replace(/"/g, '\\"')
          .replace(/\u0001/g, '\\x01')}"`
      : `"${text}"`,
  );

/** Mostly `usual`, sometimes `odd`: lines must get past the early checks to test the later fields. */
const mostly = <T>(usual: fc.Arbitrary<T>, odd: fc.Arbitrary<T>) =>
  fc.oneof({ arbitrary: usual, weight: 6 }, { arbitrary: odd, weight: 1 });

/** What number-like fields hold in real and hostile lines. */
const numberText = fc.oneof(
  fc.constantFrom('-', '-1', '0', '0.000', '0.001', '1.', '.5', '1.2.3', '-0', '1e3', '0x1F', 'NaN', ''),
  fc.constantFrom('Infinity', '999', '1000', '007', '12345678901234567890', '0.1234567890123456', '1_0'),
  fc.nat().map(String),
  fc.double({ noNaN: true }).map(String),
  fc
    .tuple(fc.stringMatching(/^\d{1,12}$/), fc.stringMatching(/^\d{0,9}$/))
    .map(([int, frac]) => (frac === '' ? int : `${int}.${frac}`)),
);
const secondsText = mostly(
  fc.oneof(fc.constantFrom('-1', '0.000', '0.001'), fc.stringMatching(/^\d{1,3}\.\d{1,6}$/)),
  numberText,
);
const statusText = mostly(
  fc.oneof(fc.constantFrom('-', '200', '502'), fc.integer({ min: 0, max: 999 }).map(String)),
  numberText,
);
const countText = mostly(fc.oneof(fc.constant('-'), fc.nat().map(String)), numberText);

const requestText = fc
  .tuple(
    mostly(fc.constantFrom('GET', 'POST', 'PATCH'), fc.constantFrom('get', '-', '', 'X'.repeat(25), 'PRI')),
    fc.oneof(
      fc.constantFrom('https://api.example.com:443', 'http://[::1]:80', 'https://:443', '', 'h2c://a'),
      fc.string({ maxLength: 30 }).map((h) => `https://${h}`),
    ),
    fc.oneof(
      fc
        .array(fc.oneof(fc.string({ maxLength: 12 }), tricky), { maxLength: 60 })
        .map((s) => `/${s.join('/')}`),
      fc.constantFrom('/api/ssn/078-05-1120', '/c/4111 1111 1111 1111', `/${'a/'.repeat(3000)}`, '*', ''),
    ),
    fc.oneof(
      fc.constant(''),
      trickyText(10).map((q) => `?${q}`),
    ),
    mostly(fc.constantFrom(' HTTP/1.1', ' HTTP/2.0'), fc.constantFrom('', ' ', ' - ', ' HTTP/1.1 extra')),
  )
  .map(([method, origin, path, query, protocol]) => `${method} ${origin}${path}${query}${protocol}`);

/** A field as it may appear on a line: a plain token or a quoted string. */
const anyField = fc.oneof(
  fc.constantFrom('-', '""', '"-"', ''),
  trickyText(12).map((t) => t.replace(/ /g, '')),
  quoted(trickyText(20)),
);

/** ALB lines built field by field, each field sometimes wrong, some cut short or extended. */
const albLine = fc
  .tuple(
    mostly(
      fc.constantFrom('http', 'https', 'h2', 'grpcs', 'ws', 'wss'),
      fc.constantFrom('HTTPS', 'h', '"https"', 'wss2'),
    ),
    mostly(
      fc.constantFrom('2024-05-01T12:00:00.123456Z', '2018-07-02T22:23:00.186641Z', '2024-05-01T12:00:00.1Z'),
      fc.constantFrom(
        '2024-13-01T12:00:00.123456Z',
        '2024-05-01T12:00:00Z',
        '"2024-05-01T12:00:00.123456Z"',
        '2024-02-30T12:00:00.123456Z',
        'yesterday',
      ),
    ),
    fc.constantFrom('app/lb/1', 'app/my-loadbalancer/50dc6c495c0c9188', '"app/lb\\"1"', 'x'.repeat(300)),
    fc.constantFrom('192.168.131.39:2817', '[2001:db8::1]:443', '10.0.0.1', '"[::1]"', ':80', '-'),
    fc.tuple(secondsText, secondsText, secondsText, statusText, statusText, countText, countText),
    quoted(requestText),
    fc.array(anyField, { maxLength: 20 }),
    fc.nat(),
    fc.constantFrom(' ', '  '),
  )
  .map(([type, time, elb, client, numbers, request, rest, cut, gap]) => {
    const fields = [
      type,
      time,
      elb,
      client,
      '10.0.0.1:80',
      ...numbers.map((n) => n || '""'),
      request,
      ...rest,
    ];
    return fields.slice(0, fields.length - (cut % 8 === 0 ? cut % fields.length : 0)).join(gap);
  });

const OPTIONS = [undefined, { defaultHost: 'default.example' }, { classify: false }] as const;

describe('parseAlbLine reads fields in place exactly as the straightforward parser does', () => {
  it('agrees with the reference on generated, adversarial ALB lines', () => {
    fc.assert(
      fc.property(albLine, fc.constantFrom(...OPTIONS), (line, options) => {
        expect(parseAlbLine(line, options)).toEqual(referenceParseAlbLine(line, options));
      }),
      { numRuns: 2000 },
    );
  });

  it('agrees with the reference on recorded lines cut, mutated or run together', () => {
    const recorded = [
      ...fixtureLines('alb', 'types.log'),
      ...fixtureLines('alb', 'escapes.log'),
      ...fixtureLines('alb', 'malformed.log'),
    ];
    fc.assert(
      fc.property(fc.constantFrom(...recorded), fc.nat(), fc.nat(), trickyText(6), (line, at, to, insert) => {
        const i = at % (line.length + 1);
        const mutated = line.slice(0, i) + insert + line.slice(Math.max(i, to % (line.length + 1)));
        for (const options of OPTIONS)
          expect(parseAlbLine(mutated, options)).toEqual(referenceParseAlbLine(mutated, options));
      }),
      { numRuns: 1000 },
    );
  });

  it('agrees with the reference on arbitrary text', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), trickyText(60)), (line) => {
        expect(parseAlbLine(line)).toEqual(referenceParseAlbLine(line));
      }),
    );
  });
});

describe('FieldScanner', () => {
  it('yields the same fields as walking every character, whether fields are read, skipped or cut', () => {
    const op = fc.constantFrom('next', 'skip', 'present');
    fc.assert(
      fc.property(trickyText(80), fc.array(op, { maxLength: 30 }), fc.nat({ max: 8 }), (line, ops, max) => {
        const fast = new FieldScanner();
        const plain = new ReferenceFieldScanner();
        fast.reset(line);
        plain.reset(line);
        for (const o of ops) {
          if (o === 'skip') {
            fast.skip();
            plain.skip();
          } else if (o === 'next') {
            expect(fast.next()).toBe(plain.next());
          } else {
            const field = plain.next();
            const present =
              field === undefined || field === '' || field === '-' ? undefined : field.slice(0, max);
            expect(fast.nextPresent(max)).toBe(present);
          }
        }
        expect(fast.hasMore()).toBe(plain.hasMore());
      }),
      { numRuns: 2000 },
    );
  });

  it('reads a number field as Number does, plain decimals in place', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          numberText,
          trickyText(8).map((t) => t.replace(/ /g, '')),
        ),
        (text) => {
          const field = text.replace(/["\\]/g, '');
          const scanner = new FieldScanner();
          scanner.reset(`"${field}"`);
          expect(scanner.advance()).toBe(true);
          expect(Object.is(scanner.number(), Number(field))).toBe(true);
        },
      ),
      { numRuns: 3000 },
    );
  });
});
