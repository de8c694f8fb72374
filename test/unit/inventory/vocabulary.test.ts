import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import wordListPath from 'word-list';
import { API_TERMS, isVocabularyWord } from '#shared/inventory/vocabulary';

const listed = readFileSync(wordListPath, 'utf8').split('\n');
/** The reference: what the module held before, a Set of the list's lines and the API terms. */
const reference = new Set([...listed, ...API_TERMS]);

describe('isVocabularyWord', () => {
  it('knows every word of the English list, in any case, and the API terms', () => {
    expect(listed.length).toBeGreaterThan(250_000);
    expect(listed.filter((word) => !isVocabularyWord(word))).toEqual([]);
    expect(
      ['Orders', 'LINEITEMS'.slice(0, 4), 'oauth2', 'healthz', 'ec2', 'whoami'].every(isVocabularyWord),
    ).toBe(true);
  });

  it('refuses values, prefixes and words joined across lines of the list', () => {
    for (const value of ['a1b2c3', 'orderz', 'lineitems', 'xkcdq', 'aah\naahed', 'aa\n', '', 'é'])
      expect([value, isVocabularyWord(value)]).toEqual([value, false]);
  });

  it('answers as a Set of the list would for any short token', () => {
    const token = fc.oneof(
      fc.string({ unit: fc.constantFrom(...'aeioustrnlpABC12-é\n'), maxLength: 7 }),
      fc.constantFrom(...API_TERMS, ...listed.slice(0, 50)).map((w) => w.toUpperCase()),
    );
    fc.assert(
      fc.property(token, (text) => {
        const lower = text.toLowerCase();
        const expected = reference.has(lower) || (lower.length <= 2 && /^[a-z]+$/.test(lower));
        expect(isVocabularyWord(text)).toBe(expected);
      }),
      { numRuns: 3000 },
    );
  });
});
