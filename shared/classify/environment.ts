/**
 * Non-production hosts from their names: whole-token matches on the labels split by `.` and `-`
 * (`api-dev.example.com`, `qa2.shop.example.com`), never substrings (`devices`, `latest`,
 * `contest`, `intl` stay production). Field notes: substring regexes are the usual false positive.
 */
import { parseIp } from './ip-parse.ts';
import { RecentCache } from './recent-cache.ts';

/** Environment names the built-in tokens map to; tenant tokens may add their own. */
export const ENVIRONMENTS = [
  'production',
  'dev',
  'test',
  'qa',
  'uat',
  'staging',
  'sandbox',
  'preprod',
  'nonprod',
  'demo',
  'beta',
  'integration',
  'perf',
] as const;
export type KnownEnvironment = (typeof ENVIRONMENTS)[number];

const BUILT_IN: Readonly<Record<string, KnownEnvironment>> = {
  dev: 'dev',
  devel: 'dev',
  develop: 'dev',
  development: 'dev',
  test: 'test',
  tst: 'test',
  testing: 'test',
  qa: 'qa',
  uat: 'uat',
  stage: 'staging',
  stg: 'staging',
  staging: 'staging',
  sandbox: 'sandbox',
  sbx: 'sandbox',
  preprod: 'preprod',
  pprd: 'preprod',
  preproduction: 'preprod',
  nonprod: 'nonprod',
  nonproduction: 'nonprod',
  demo: 'demo',
  beta: 'beta',
  alpha: 'beta',
  int: 'integration',
  integration: 'integration',
  perf: 'perf',
  performance: 'perf',
  load: 'perf',
  loadtest: 'perf',
};

// Two-token spellings split by '-': `pre-prod`, `non-prod`, `pre-production`.
const PAIRS: Readonly<Record<string, KnownEnvironment>> = {
  'pre prod': 'preprod',
  'pre production': 'preprod',
  'non prod': 'nonprod',
  'non production': 'nonprod',
};

export interface EnvironmentOptions {
  /** Tenant tokens: a list (the token names itself) or token -> environment, e.g. `{ blue: 'staging' }`. */
  extraTokens?: readonly string[] | Readonly<Record<string, string>>;
  /** Built-in tokens this tenant uses for production, e.g. `['demo']` for a company called Demo. */
  ignoredTokens?: readonly string[];
}

/** Classifies hosts; build one per tenant configuration and reuse it. */
export type EnvironmentClassifier = (host: string) => string;

/**
 * `createEnvironmentClassifier()('api-stg.example.com')` -> `staging`; `'devices.example.com'` ->
 * `production`. Tokens may carry a number (`dev2`, `qa-01` both count). The last label (the TLD)
 * is ignored, so `api.example.dev` is production; the reserved `.test` TLD means test.
 */
export function createEnvironmentClassifier(options: EnvironmentOptions = {}): EnvironmentClassifier {
  const tokens = new Map<string, string>(Object.entries(BUILT_IN));
  const extra = options.extraTokens ?? [];
  const entries: [string, string][] = Array.isArray(extra)
    ? (extra as readonly string[]).map((t) => [t, t])
    : Object.entries(extra as Readonly<Record<string, string>>);
  for (const [token, env] of entries) tokens.set(token.toLowerCase(), env);
  const ignored = new Set((options.ignoredTokens ?? []).map((t) => t.toLowerCase()));
  for (const token of ignored) tokens.delete(token);
  const pairs = new Map(Object.entries(PAIRS).filter(([pair]) => !ignored.has(pair.replace(' ', '-'))));
  const cache = new RecentCache<string>(4096);

  const classify = (host: string): string => {
    if (parseIp(host) !== undefined || host.startsWith('[')) return 'production';
    const labels = host.split('.');
    const tld = labels.pop();
    if (tld === 'test' && labels.length > 0 && !ignored.has('test')) return 'test';
    for (const label of labels) {
      let previous = '';
      for (const raw of label.split('-')) {
        const token = withoutNumber(raw);
        const pair = pairs.get(`${previous} ${token}`);
        if (pair !== undefined) return pair;
        const env = tokens.get(token);
        if (env !== undefined) return env;
        previous = token;
      }
    }
    return 'production';
  };

  return (host: string): string => {
    if (typeof host !== 'string' || host === '') return 'production';
    const key = host.toLowerCase();
    let env = cache.get(key);
    if (env === undefined) {
      env = classify(key.endsWith('.') ? key.slice(0, -1) : key);
      cache.set(key, env);
    }
    return env;
  };
}

const defaultClassifier = createEnvironmentClassifier();

/** `classifyEnvironment('qa2.shop.example.com')` -> `qa`, with the built-in tokens only. */
export function classifyEnvironment(host: string): string {
  return defaultClassifier(host);
}

/**
 * One vocabulary for "is this host production?", shared by runtime classification and the scanner:
 * `isNonProductionHost('api.staging.example.com') === true`, `isNonProductionHost('devices.example.com') === false`.
 */
export function isNonProductionHost(host: string): boolean {
  return defaultClassifier(host) !== 'production';
}

/** `dev2` -> `dev`, `qa01` -> `qa`; a token that is all digits stays as it is. */
function withoutNumber(token: string): string {
  let end = token.length;
  while (end > 0) {
    const c = token.charCodeAt(end - 1);
    if (c < 48 || c > 57) break;
    end--;
  }
  return end === 0 ? token : token.slice(0, end);
}
