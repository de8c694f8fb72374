import { describe, it, expect } from '@jest/globals';
import fc from 'fast-check';
import { identifierKind, looksLikeValue } from '#shared/inventory/segment-kind';
import { isVocabularyWord } from '#shared/inventory/vocabulary';

// Plain lower-case words take a short way through both checks; these hold it to the general rules.
const word = fc.oneof(
  fc.constantFrom('orders', 'users', 'items', 'status', 'profile', 'v', 'api', 'rest', 'en', 'usd'),
  fc.stringMatching(/^[a-z]{1,20}$/),
  fc.stringMatching(/^[a-z]{60,70}$/),
);

describe('segment kinds of plain lower-case words', () => {
  it('a word is a value exactly when it is not a vocabulary word', () => {
    fc.assert(
      fc.property(word, (w) => {
        expect(looksLikeValue(w)).toBe(!isVocabularyWord(w));
      }),
      { numRuns: 500 },
    );
    expect(looksLikeValue('orders')).toBe(false);
    expect(looksLikeValue('qzxwvkjhgfdp')).toBe(true);
  });

  it('a word is an identifier only when it is as long as a token (64+ letters)', () => {
    fc.assert(
      fc.property(word, (w) => {
        expect(identifierKind(w)).toBe(w.length >= 64 ? 'token' : undefined);
      }),
      { numRuns: 500 },
    );
  });

  it('a prefixed lower-case id is a token when its body is no word, and stays a route when it is', () => {
    expect(identifierKind('txn_qzxwvkjhgfdp')).toBe('token');
    expect(identifierKind('api_permissions')).toBeUndefined();
    expect(identifierKind('txn_ldAYGixGxruoux')).toBe('token');
  });
});
