/**
 * Words that name things in APIs. A segment made of such words (`orders`, `order-items`, `lineItems`)
 * is probably part of the API's structure; peers that ignore this over-merge `/users` and `/orders`.
 *
 * This module owns the loaded word table (once per process, on first use). The English list has
 * 274,000 words: held as its file's bytes plus a hash table of line offsets, it loads in a few
 * milliseconds and is two objects for the garbage collector instead of 274,000 strings in a Set.
 */
import { readFileSync } from 'node:fs';
import wordListPath from 'word-list';

/** Technical terms common in API paths that an English dictionary lacks. */
const API_TERM_TEXT = `api apis oauth oauth2 auth authn authz config configs admin webhooks webhook json xml csv html yaml
  pdf png jpg svg id ids uuid sso saml oidc mfa otp jwt jwks graphql rest rpc grpc ws wss sdk url urls uri uris
  http https ip ips dns ssl tls cert certs ssh vpn vpc cdn gcp aws azure iam kms sns sqs ec2 s3 ecs eks rds
  metadata healthz livez readyz ping info stats sys sysinfo env envs src dst repo repos org orgs app apps
  login logout signin signout signup sessionid callback callbacks userinfo whoami me self my
  batch bulk async sync init preview upsert undo redo cancel refund refunds payout payouts checkout
  v1 v2 v3 v4 v5 beta alpha internal public private openapi swagger docs spec specs`;

export const API_TERMS: readonly string[] = API_TERM_TEXT.split(/\s+/).filter((term) => term !== '');

const NEWLINE = 0x0a;

/** Newline-separated words (the word list, then the API terms) and an open-addressing index of them. */
interface WordTable {
  readonly bytes: Buffer;
  /** Start offset of a word per slot, -1 when empty; a word runs to the next newline or the end. */
  readonly slots: Int32Array;
  readonly mask: number;
}

let table: WordTable | undefined;

/** FNV-1a over `bytes[start, end)`; the same value as `hashText` for ASCII. */
function hashBytes(bytes: Buffer, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) h = Math.imul(h ^ bytes[i]!, 0x01000193);
  return h >>> 0;
}

function hashText(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

function load(): WordTable {
  // The list is ASCII (a non-ASCII line could never equal a lookup's UTF-16 text byte for byte).
  const bytes = Buffer.concat([
    readFileSync(wordListPath),
    Buffer.from(`\n${API_TERMS.join('\n')}`, 'latin1'),
  ]);
  let words = 1;
  for (let i = bytes.indexOf(NEWLINE); i >= 0; i = bytes.indexOf(NEWLINE, i + 1)) words++;
  let size = 1;
  while (size < words * 2) size <<= 1;
  const slots = new Int32Array(size).fill(-1);
  const mask = size - 1;
  for (let start = 0; start <= bytes.length;) {
    let end = bytes.indexOf(NEWLINE, start);
    if (end < 0) end = bytes.length;
    let slot = hashBytes(bytes, start, end) & mask;
    while (slots[slot] !== -1) slot = (slot + 1) & mask;
    slots[slot] = start;
    start = end + 1;
  }
  return { bytes, slots, mask };
}

function has({ bytes, slots, mask }: WordTable, word: string): boolean {
  for (let slot = hashText(word) & mask; slots[slot] !== -1; slot = (slot + 1) & mask) {
    const start = slots[slot]!;
    const end = start + word.length;
    if (end > bytes.length || (end < bytes.length && bytes[end] !== NEWLINE)) continue;
    let i = 0;
    // A newline inside `word` must not match across two words of the list.
    while (i < word.length && bytes[start + i] === word.charCodeAt(i) && bytes[start + i] !== NEWLINE) i++;
    if (i === word.length) return true;
  }
  return false;
}

/** True for dictionary words and API terms, case-insensitively: `isVocabularyWord('Orders')` -> true. */
export function isVocabularyWord(word: string): boolean {
  table ??= load();
  const lower = word.toLowerCase();
  if (has(table, lower)) return true;
  // Abbreviations and short tokens (`me`, `qa`, `x`) are structure far more often than data.
  return lower.length <= 2 && /^[a-z]+$/.test(lower);
}
