/**
 * How an endpoint aggregate is stored: one inventory item per (tenant, host, method, template).
 * `endpointDelta` turns a group of calls into the delta `applyItemDelta` writes.
 */
import type { ApiCall } from '#events/api-call.schema';
import { defaultCallClassifier, type CallClassifier } from '#shared/classify/call-classifier';
import { CALLER_LIST_LIMIT } from '#shared/classify/endpoint-classification';
import { inventoryKeys } from '#shared/tables/keys';
import { redactPath } from '#shared/url/redact';
import { createHll } from '#shared/inventory/hll';
import type { ItemDelta } from './apply-delta.ts';
import type { ItemShape } from './move-item.ts';
import type { MonotoneFields } from './monotone.ts';

const SAMPLE_LIMIT = 5;
const SENSITIVE_LIMIT = 20;
const COUNTER =
  /^(calls|s[1-5]xx|sOther|latencyMsSum|bytesIn|bytesOut|extCalls|sensCalls|auth_[a-z-]+|tls_[A-Za-z0-9._-]+|day_\d{8}|cc_[A-Z]{2}|asn_\d{1,10})$/;
/** Days of calls an endpoint keeps as `day_YYYYMMDD` counters (the portal's calls over time). */
export const CALL_DAYS = 30;
const DAY_COUNTER = /^day_(\d{4})(\d{2})(\d{2})$/;
/**
 * Outside callers' calls per country (`cc_US`: at most the ~250 ISO codes) and per network
 * (`asn_16509`: unbounded, so an item keeps the most-called; past NETWORK_COUNTERS_HIGH the least
 * called are dropped down to CALLER_LIST_LIMIT, which bounds the item and makes the drop a rare
 * extra write; a dropped network counts again from zero if it comes back).
 */
const COUNTRY_COUNTER = /^cc_([A-Z]{2})$/;
const NETWORK_COUNTER = /^asn_(\d{1,10})$/;
const NETWORK_COUNTERS_HIGH = 2 * CALLER_LIST_LIMIT;
/** Set attributes: redacted sample paths, sensitive data types, external callers' countries and ASNs. */
const SETS = {
  samples: SAMPLE_LIMIT,
  sensitive: SENSITIVE_LIMIT,
  countries: CALLER_LIST_LIMIT,
  asns: CALLER_LIST_LIMIT,
};

export interface EndpointIdentity {
  readonly tenant: string;
  readonly host: string;
  readonly method: string;
  readonly template: string;
}

export function endpointKey(id: EndpointIdentity): Record<string, string> {
  return {
    pk: inventoryKeys.partition(id.tenant),
    sk: inventoryKeys.endpoint(id.host, id.method, id.template),
  };
}

/** The delta for `calls`, all of which the templater mapped to `id.template`. */
export function endpointDelta(
  id: EndpointIdentity,
  calls: readonly ApiCall[],
  now: string,
  classifier: CallClassifier = defaultCallClassifier,
): ItemDelta {
  const counters: Record<string, number> = { calls: calls.length };
  let firstSeen = calls[0]!.time;
  let lastSeen = firstSeen;
  let latencyMsMax = 0;
  const clients = createHll();
  const samples = new Set<string>();
  const sensitive = new Set<string>();
  const countries = new Set<string>();
  const asns = new Set<string>();
  for (const call of calls) {
    if (call.time < firstSeen) firstSeen = call.time;
    if (call.time > lastSeen) lastSeen = call.time;
    const statusClass =
      call.status >= 100 && call.status < 600 ? `s${Math.floor(call.status / 100)}xx` : 'sOther';
    counters[statusClass] = (counters[statusClass] ?? 0) + 1;
    const day = dayCounter(call.time);
    counters[day] = (counters[day] ?? 0) + 1;
    if (call.latencyMs !== undefined) {
      counters.latencyMsSum = (counters.latencyMsSum ?? 0) + call.latencyMs;
      if (call.latencyMs > latencyMsMax) latencyMsMax = call.latencyMs;
    }
    counters.bytesIn = (counters.bytesIn ?? 0) + (call.bytesIn ?? 0);
    counters.bytesOut = (counters.bytesOut ?? 0) + (call.bytesOut ?? 0);
    const auth = `auth_${call.authScheme ?? 'unknown'}`;
    counters[auth] = (counters[auth] ?? 0) + 1;
    if (call.clientIp !== undefined) clients.add(call.clientIp);
    if (samples.size < SAMPLE_LIMIT) samples.add(redactPath(call.path));
    if (call.tlsProtocol !== undefined) {
      const tls = `tls_${call.tlsProtocol}`;
      counters[tls] = (counters[tls] ?? 0) + 1;
    }
    if (call.sensitive !== undefined) {
      counters.sensCalls = (counters.sensCalls ?? 0) + 1;
      for (const type of call.sensitive) sensitive.add(type);
    }
    const caller = classifier.caller(call);
    if (caller.external) {
      counters.extCalls = (counters.extCalls ?? 0) + 1;
      if (caller.country !== undefined) {
        if (countries.size < CALLER_LIST_LIMIT) countries.add(caller.country);
        const cc = `cc_${caller.country}`;
        if (COUNTRY_COUNTER.test(cc)) counters[cc] = (counters[cc] ?? 0) + 1;
      }
      if (caller.asn !== undefined) {
        if (asns.size < CALLER_LIST_LIMIT) asns.add(caller.asn);
        const asn = `asn_${caller.asn.slice(2)}`;
        if (caller.asn.startsWith('AS') && NETWORK_COUNTER.test(asn))
          counters[asn] = (counters[asn] ?? 0) + 1;
      }
    }
  }
  return {
    key: endpointKey(id),
    identity: { kind: 'endpoint', host: id.host, method: id.method, path: id.template },
    counters,
    latest: { updatedAt: now },
    // Day counters are ADDed with the others (so exactly once per record range, like them); those
    // older than CALL_DAYS before this batch's newest call are dropped, so an item keeps about 30.
    stale: (item) => {
      const oldest = dayCounter(new Date(Date.parse(lastSeen) - (CALL_DAYS - 1) * 86_400_000).toISOString());
      const expired = Object.keys(item).filter((attr) => DAY_COUNTER.test(attr) && attr < oldest);
      return [...expired, ...surplusNetworks(item)];
    },
    monotone: {
      min: { firstSeen },
      max: { lastSeen, latencyMsMax },
      sketches: { clients: clients.toBase64() },
      sets: {
        samples: { values: [...samples], limit: SETS.samples },
        sensitive: { values: [...sensitive], limit: SETS.sensitive },
        countries: { values: [...countries], limit: SETS.countries },
        asns: { values: [...asns], limit: SETS.asns },
      },
    },
  };
}

/** `day_20261202` for any time on 2 December 2026 (UTC). */
function dayCounter(time: string): string {
  const utc = time.endsWith('Z') ? time : new Date(time).toISOString();
  return `day_${utc.slice(0, 4)}${utc.slice(5, 7)}${utc.slice(8, 10)}`;
}

/** An item's day counters as `[{ day: '2026-12-01', calls: 12 }]`, oldest first. */
export function callsByDay(item: Record<string, unknown>): { day: string; calls: number }[] {
  return Object.entries(item)
    .flatMap(([attr, value]) => {
      const m = DAY_COUNTER.exec(attr);
      return m === null ? [] : [{ day: `${m[1]}-${m[2]}-${m[3]}`, calls: value as number }];
    })
    .sort((a, b) => (a.day < b.day ? -1 : 1));
}

/** Network counters past the high mark, least called first, down to CALLER_LIST_LIMIT kept. */
function surplusNetworks(item: Record<string, unknown>): string[] {
  const networks = ranked(item, NETWORK_COUNTER);
  if (networks.length <= NETWORK_COUNTERS_HIGH) return [];
  return networks.slice(CALLER_LIST_LIMIT).map(([attr]) => attr);
}

/** `[attribute, calls, code]` for the attributes `pattern` matches, most calls first. */
function ranked(item: Record<string, unknown>, pattern: RegExp): [string, number, string][] {
  return Object.entries(item)
    .flatMap(([attr, value]): [string, number, string][] => {
      const m = pattern.exec(attr);
      return m === null ? [] : [[attr, value as number, m[1]!]];
    })
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
}

export interface CallerRanking {
  readonly countries: { country: string; calls: number }[];
  readonly networks: { asn: string; calls: number }[];
}

/** An item's outside callers by country and by network, most calls first, at most 50 of each. */
export function callerRanking(item: Record<string, unknown>): CallerRanking {
  const top = (pattern: RegExp) => ranked(item, pattern).slice(0, CALLER_LIST_LIMIT);
  return {
    countries: top(COUNTRY_COUNTER).map(([, calls, country]) => ({ country, calls })),
    networks: top(NETWORK_COUNTER).map(([, calls, n]) => ({ asn: `AS${n}`, calls })),
  };
}

/** Which attributes add up and which merge monotonically, for moving items on template merges. */
export const endpointItemShape: ItemShape = {
  isCounter: (attribute) => COUNTER.test(attribute),
  monotoneOf: (item): MonotoneFields => ({
    min: { firstSeen: item.firstSeen as string },
    max: { lastSeen: item.lastSeen as string, latencyMsMax: (item.latencyMsMax as number | undefined) ?? 0 },
    sketches: item.clients === undefined ? {} : { clients: item.clients as string },
    sets: Object.fromEntries(
      Object.entries(SETS).map(([name, limit]) => [
        name,
        { values: (item[name] as string[] | undefined) ?? [], limit },
      ]),
    ),
  }),
};
