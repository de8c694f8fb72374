/**
 * Realistic values for one path parameter, chosen from what the spec says about it: enum, type and
 * format first, then the parameter's name, its pattern and its example, as a client would fill it.
 */
import type { PathParam } from './openapi-specs.ts';
import { intBetween, pick, type Rng } from './random.ts';
import { resourcePaths } from './resource-path.ts';
import * as W from './word-lists.ts';

export const VALUE_KINDS = [
  'enum',
  'boolean',
  'int-small',
  'int-large',
  'uuid',
  'hex-hash',
  'base62',
  'prefixed-id',
  'username',
  'person-name',
  'company-name',
  'resource-name',
  'slug',
  'word',
  'date',
  'datetime',
  'year',
  'email',
  'semver',
  'version',
  'locale',
  'country',
  'currency',
  'ticker',
  'filename',
  'region',
  'ip',
  'domain',
  'number-unit',
  'example',
  'resource-path',
  'arn',
] as const;
export type ValueKind = (typeof VALUE_KINDS)[number];

/** Kinds that look like identifiers on their own (numbers, UUIDs, hashes, long mixed tokens). */
export const ID_LIKE_KINDS: ReadonlySet<ValueKind> = new Set([
  'int-small',
  'int-large',
  'uuid',
  'hex-hash',
  'base62',
  'prefixed-id',
  'arn',
]);

const B62 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const HEX = '0123456789abcdef';

function chars(rng: Rng, alphabet: string, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[Math.floor(rng() * alphabet.length)];
  return out;
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

const GENERATORS: Record<Exclude<ValueKind, 'enum' | 'example' | 'resource-path'>, (rng: Rng) => string> = {
  boolean: (rng) => pick(rng, ['true', 'false']),
  'int-small': (rng) => String(intBetween(rng, 1, rng() < 0.5 ? 99 : 9_999)),
  'int-large': (rng) => String(intBetween(rng, 100_000, 9_999_999_999) * (rng() < 0.3 ? 1000 : 1)),
  uuid: (rng) => {
    const h = chars(rng, HEX, 32);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${'89ab'[intBetween(rng, 0, 3)]}${h.slice(17, 20)}-${h.slice(20)}`;
  },
  'hex-hash': (rng) => chars(rng, HEX, pick(rng, [7, 12, 24, 32, 40, 64])),
  base62: (rng) => chars(rng, B62, pick(rng, [11, 16, 20, 22])),
  'prefixed-id': (rng) => `${pick(rng, W.ID_PREFIXES)}_${chars(rng, B62, pick(rng, [14, 16, 24]))}`,
  username: (rng) => {
    const first = pick(rng, W.FIRST_NAMES);
    const last = pick(rng, W.LAST_NAMES);
    const shape = intBetween(rng, 0, 5);
    if (shape === 0) return `${first}.${last}`;
    if (shape === 1) return `${first}_${intBetween(rng, 1, 99)}`;
    if (shape === 2) return `${first[0]}${last}`;
    if (shape === 3) return `${first}-${last}`;
    if (shape === 4) return `${pick(rng, W.WORDS)}${pick(rng, W.COMPANY_WORDS)}`;
    return `${first}${last}${intBetween(rng, 1, 2005)}`;
  },
  'person-name': (rng) => `${cap(pick(rng, W.FIRST_NAMES))} ${cap(pick(rng, W.LAST_NAMES))}`,
  'company-name': (rng) =>
    rng() < 0.5
      ? `${cap(pick(rng, W.COMPANY_WORDS))} ${cap(pick(rng, W.COMPANY_SUFFIXES))}`
      : `${pick(rng, W.COMPANY_WORDS)}${pick(rng, W.COMPANY_WORDS)}`,
  'resource-name': (rng) => {
    const base = `${pick(rng, W.COMPANY_WORDS)}-${pick(rng, W.WORDS)}`;
    return pick(rng, [
      base,
      `${base}-prod`,
      `${base}-${intBetween(rng, 1, 9)}`,
      base.replace('-', ''),
      `rg-${base}`,
    ]);
  },
  slug: (rng) => {
    const n = intBetween(rng, 2, 6);
    const words: string[] = [];
    for (let i = 0; i < n; i++) words.push(pick(rng, W.WORDS));
    return words.join('-');
  },
  word: (rng) => pick(rng, W.WORDS),
  date: (rng) =>
    `${intBetween(rng, 2015, 2025)}-${pad(intBetween(rng, 1, 12))}-${pad(intBetween(rng, 1, 28))}`,
  datetime: (rng) =>
    `${GENERATORS.date(rng)}T${pad(intBetween(rng, 0, 23))}:${pad(intBetween(rng, 0, 59))}:00Z`,
  year: (rng) => String(intBetween(rng, 1990, 2025)),
  email: (rng) =>
    `${GENERATORS.username(rng)}@${pick(rng, ['gmail.com', 'example.com', 'acme.io', 'outlook.com'])}`,
  semver: (rng) => `${intBetween(rng, 0, 5)}.${intBetween(rng, 0, 20)}.${intBetween(rng, 0, 30)}`,
  version: (rng) =>
    pick(rng, [`v${intBetween(rng, 1, 4)}`, `${intBetween(rng, 1, 12)}.${intBetween(rng, 0, 9)}`, 'latest']),
  locale: (rng) => pick(rng, W.LOCALES),
  country: (rng) => (rng() < 0.7 ? pick(rng, W.COUNTRIES) : pick(rng, W.COUNTRIES).toLowerCase()),
  currency: (rng) => pick(rng, W.CURRENCIES),
  ticker: (rng) => pick(rng, W.TICKERS),
  filename: (rng) =>
    `${pick(rng, [GENERATORS.slug(rng), pick(rng, W.WORDS), `IMG_${intBetween(rng, 1000, 9999)}`])}${rng() < 0.5 ? '-' + intBetween(rng, 2019, 2025) : ''}.${pick(rng, W.FILE_EXTENSIONS)}`,
  region: (rng) => pick(rng, W.CLOUD_REGIONS),
  arn: (rng) =>
    `arn:aws:${pick(rng, ['mediaconnect', 'appsync', 'iam', 'lambda', 'sns', 'kms'])}:${pick(rng, ['us-east-1', 'eu-west-1'])}:` +
    `${intBetween(rng, 100_000_000_000, 999_999_999_999)}:${pick(rng, ['flow', 'apis', 'role', 'function', 'key'])}/${chars(rng, B62, 20)}`,
  ip: (rng) =>
    `${intBetween(rng, 1, 223)}.${intBetween(rng, 0, 255)}.${intBetween(rng, 0, 255)}.${intBetween(rng, 1, 254)}`,
  domain: (rng) =>
    `${pick(rng, W.COMPANY_WORDS)}${pick(rng, ['', '-' + pick(rng, W.WORDS)])}.${pick(rng, ['com', 'io', 'net', 'org', 'de'])}`,
  'number-unit': (rng) => `${intBetween(rng, 1, 500)}${pick(rng, W.UNITS)}`,
};

function cap(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** How many distinct values a kind can take at most (enums and small vocabularies saturate). */
export function domainSize(kind: ValueKind, param: PathParam): number {
  if (kind === 'enum') return param.schema.enum?.length ?? 1;
  if (kind === 'example') return param.examples.length;
  if (kind === 'boolean') return 2;
  if (kind === 'locale') return W.LOCALES.length;
  if (kind === 'country') return W.COUNTRIES.length * 2;
  if (kind === 'currency') return W.CURRENCIES.length;
  if (kind === 'ticker') return W.TICKERS.length;
  if (kind === 'region') return W.CLOUD_REGIONS.length;
  if (kind === 'word') return W.WORDS.length;
  if (kind === 'version') return 30;
  return Number.POSITIVE_INFINITY;
}

/** `count` distinct values of `kind` (fewer when the kind's domain is smaller), spec examples first. */
export function makeValues(kind: ValueKind, param: PathParam, count: number, rng: Rng): string[] {
  const out = new Set<string>();
  if (kind === 'enum') return (param.schema.enum ?? []).map(String).slice(0, count);
  if (kind === 'resource-path')
    return resourcePaths(param, count, rng, GENERATORS.uuid, GENERATORS['resource-name']);
  for (const example of param.examples) if (out.size < count && fitsKind(kind, example)) out.add(example);
  if (kind === 'example') return [...out];
  const generate = GENERATORS[kind];
  for (let attempts = 0; out.size < count && attempts < count * 20; attempts++) out.add(generate(rng));
  return [...out];
}

/** Whether a spec example is a plausible value of the kind (a usable example, not prose). */
function fitsKind(kind: ValueKind, example: string): boolean {
  if (example === '' || example.length > 80 || (/[\s/{}]/.test(example) && kind !== 'person-name'))
    return false;
  return kindOfExample(example) === kind || !ID_LIKE_KINDS.has(kind);
}

/** The kind a concrete example value shows: `42` -> int-small, `cus_9s6XKzkNRiz8i3` -> prefixed-id. */
export function kindOfExample(example: string): ValueKind | undefined {
  if (/^\d{1,4}$/.test(example)) return 'int-small';
  if (/^\d+$/.test(example)) return 'int-large';
  if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(example)) return 'uuid';
  if (/^[0-9a-f]{7,}$/i.test(example) && /\d/.test(example) && /[a-f]/i.test(example)) return 'hex-hash';
  if (/^[a-z]{2,6}_[A-Za-z0-9]{8,}$/.test(example)) return 'prefixed-id';
  if (/^\d{4}-\d{2}-\d{2}$/.test(example)) return 'date';
  if (/^\d{4}-\d{2}-\d{2}T/.test(example)) return 'datetime';
  if (/^[^@\s]+@[^@\s]+\.\w+$/.test(example)) return 'email';
  if (/^v?\d+\.\d+(\.\d+)?$/.test(example)) return 'semver';
  if (/^[A-Za-z0-9]{10,}$/.test(example) && /\d/.test(example) && /[A-Za-z]/.test(example)) return 'base62';
  if (/^[a-z0-9]+(-[a-z0-9]+){2,}$/.test(example)) return 'slug';
  return undefined;
}
