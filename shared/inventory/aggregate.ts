/**
 * In-memory inventory: one aggregate per (host, method, template), updated once per call on the hot
 * path (two Map lookups, counters only; concrete paths are kept as at most five redacted samples).
 */
import type { EndpointSummary } from '#events/endpoint-summary.schema';
import { defaultCallClassifier, type CallClassifier } from '#shared/classify/call-classifier';
import { CALLER_LIST_LIMIT, classifyEndpoint } from '#shared/classify/endpoint-classification';
import type { EnvironmentClassifier } from '#shared/classify/environment';
import { createHll, type Hll } from './hll.ts';
import { redactPath } from '#shared/url/redact';
import type { Rewrite } from './templater.ts';
import type { CountedCall } from './packed-calls.ts';

const SAMPLES = 5;
const SAMPLE_TRIES = 50;
const STATUS_CLASSES = ['other', '1xx', '2xx', '3xx', '4xx', '5xx'] as const;

interface Aggregate {
  host: string;
  method: string;
  path: string;
  calls: number;
  firstSeen: string;
  lastSeen: string;
  status: number[];
  latencyCalls: number;
  latencyMsSum: number;
  latencyMsMax: number;
  bytesIn: number;
  bytesOut: number;
  clients: Hll;
  auth: Tally;
  tls: Tally;
  sensitive: Set<string>;
  externalCalls: number;
  sensitiveCalls: number;
  countries: Set<string>;
  asns: Set<string>;
  samples: string[];
  /**
   * Sampling stops after a few tries (an endpoint with one concrete path would redact every call),
   * or once the samples are full.
   */
  sampleTries: number;
}

/**
 * Counts per value for the handful of values a field takes at one endpoint (auth schemes, TLS
 * versions): a scan with `===` over a few short strings is cheaper than hashing the call's fresh
 * string for a Map on every call. Insertion order is kept, as a Map's would be.
 */
interface Tally {
  readonly keys: string[];
  readonly counts: number[];
}

function tally(t: Tally, key: string, n: number): void {
  const i = t.keys.indexOf(key);
  if (i >= 0) t.counts[i]! += n;
  else {
    t.keys.push(key);
    t.counts.push(n);
  }
}

function tallyObject(t: Tally): Record<string, number> {
  return Object.fromEntries(t.keys.map((k, i) => [k, t.counts[i]!]));
}

export class InventoryAggregator {
  /**
   * host -> template -> the template's aggregates, one per method (a few at most, found by a scan):
   * a merge finds every method of a template at once. Templates are the templater's shared strings,
   * whose hash V8 keeps, so the second lookup hashes nothing.
   */
  private readonly byHost = new Map<string, Map<string, Aggregate[]>>();

  /** `classifier` carries the tenant's settings and the geo databases; the default has neither. */
  constructor(private readonly classifier: CallClassifier = defaultCallClassifier) {}

  /** Counts `call` under `template`. */
  add(call: CountedCall, template: string): void {
    let templates = this.byHost.get(call.host);
    if (templates === undefined) this.byHost.set(call.host, (templates = new Map()));
    let methods = templates.get(template);
    if (methods === undefined) templates.set(template, (methods = []));
    let a = methodAggregate(methods, call.method);
    if (a === undefined) {
      a = newAggregate(call.host, call.method, template, call.time);
      methods.push(a);
    }
    a.calls++;
    // Logs run forward in time: the usual call moves lastSeen and never needs firstSeen loaded.
    if (call.time > a.lastSeen) a.lastSeen = call.time;
    else if (call.time < a.firstSeen) a.firstSeen = call.time;
    const cls = call.status >= 100 && call.status < 600 ? Math.floor(call.status / 100) : 0;
    a.status[cls]!++;
    if (call.latencyMs !== undefined) {
      a.latencyCalls++;
      a.latencyMsSum += call.latencyMs;
      if (call.latencyMs > a.latencyMsMax) a.latencyMsMax = call.latencyMs;
    }
    a.bytesIn += call.bytesIn ?? 0;
    a.bytesOut += call.bytesOut ?? 0;
    if (call.clientIp !== undefined) a.clients.add(call.clientIp);
    tally(a.auth, call.authScheme ?? 'unknown', 1);
    if (call.tlsProtocol !== undefined) tally(a.tls, call.tlsProtocol, 1);
    if (call.sensitive !== undefined) {
      a.sensitiveCalls++;
      for (const type of call.sensitive) a.sensitive.add(type);
    }
    const caller = this.classifier.caller(call);
    if (caller.external) {
      a.externalCalls++;
      if (caller.country !== undefined) addLimited(a.countries, caller.country);
      if (caller.asn !== undefined) addLimited(a.asns, caller.asn);
    }
    // Checked first: once sampling is over, no call loads the samples (a memory access each).
    if (a.sampleTries < SAMPLE_TRIES) {
      if (a.samples.length < SAMPLES) {
        a.sampleTries++;
        const sample = redactPath(call.path);
        if (!a.samples.includes(sample)) a.samples.push(sample);
      } else a.sampleTries = SAMPLE_TRIES;
    }
  }

  /** Folds the aggregates of `from` into `to`, for every method of the host. */
  applyRewrite({ host, from, to }: Rewrite): void {
    const templates = this.byHost.get(host);
    const moved = templates?.get(from);
    if (templates === undefined || moved === undefined || from === to) return;
    templates.delete(from);
    let target = templates.get(to);
    if (target === undefined) templates.set(to, (target = []));
    for (const a of moved) {
      const existing = methodAggregate(target, a.method);
      if (existing === undefined) target.push({ ...a, path: to });
      else mergeInto(existing, a);
    }
  }

  /**
   * Every endpoint, sorted by host, path, then method: hosts and each host's templates are sorted
   * apart, so no comparison goes through a host name shared by both sides.
   */
  endpoints(): EndpointSummary[] {
    return [...this.byHost.keys()]
      .sort(cmp)
      .flatMap((host) =>
        [...this.byHost.get(host)!.entries()]
          .sort(([x], [y]) => cmp(x, y))
          .flatMap(([, methods]) => [...methods].sort((x, y) => cmp(x.method, y.method))),
      )
      .map((a) => summarize(a, this.classifier.environment));
  }
}

function methodAggregate(methods: readonly Aggregate[], method: string): Aggregate | undefined {
  for (const a of methods) if (a.method === method) return a;
  return undefined;
}

function newAggregate(host: string, method: string, path: string, time: string): Aggregate {
  return {
    host,
    method,
    path,
    calls: 0,
    firstSeen: time,
    lastSeen: time,
    status: [0, 0, 0, 0, 0, 0],
    latencyCalls: 0,
    latencyMsSum: 0,
    latencyMsMax: 0,
    bytesIn: 0,
    bytesOut: 0,
    clients: createHll(),
    auth: { keys: [], counts: [] },
    tls: { keys: [], counts: [] },
    sensitive: new Set(),
    externalCalls: 0,
    sensitiveCalls: 0,
    countries: new Set(),
    asns: new Set(),
    samples: [],
    sampleTries: 0,
  };
}

function mergeInto(into: Aggregate, from: Aggregate): void {
  into.calls += from.calls;
  if (from.firstSeen < into.firstSeen) into.firstSeen = from.firstSeen;
  if (from.lastSeen > into.lastSeen) into.lastSeen = from.lastSeen;
  from.status.forEach((n, i) => (into.status[i]! += n));
  into.latencyCalls += from.latencyCalls;
  into.latencyMsSum += from.latencyMsSum;
  into.latencyMsMax = Math.max(into.latencyMsMax, from.latencyMsMax);
  into.bytesIn += from.bytesIn;
  into.bytesOut += from.bytesOut;
  into.clients.merge(from.clients);
  from.auth.keys.forEach((scheme, i) => tally(into.auth, scheme, from.auth.counts[i]!));
  from.tls.keys.forEach((tls, i) => tally(into.tls, tls, from.tls.counts[i]!));
  for (const type of from.sensitive) into.sensitive.add(type);
  into.externalCalls += from.externalCalls;
  into.sensitiveCalls += from.sensitiveCalls;
  for (const c of from.countries) addLimited(into.countries, c);
  for (const a of from.asns) addLimited(into.asns, a);
  for (const s of from.samples)
    if (into.samples.length < SAMPLES && !into.samples.includes(s)) into.samples.push(s);
}

function summarize(a: Aggregate, environment: EnvironmentClassifier): EndpointSummary {
  const status = Object.fromEntries(
    STATUS_CLASSES.map((c, i) => [c, a.status[i]!]),
  ) as EndpointSummary['status'];
  const summary: EndpointSummary = {
    host: a.host,
    method: a.method,
    path: a.path,
    calls: a.calls,
    firstSeen: a.firstSeen,
    lastSeen: a.lastSeen,
    status,
    bytesIn: a.bytesIn,
    bytesOut: a.bytesOut,
    clients: a.clients.estimate(),
    externalCalls: a.externalCalls,
    sensitiveCalls: a.sensitiveCalls,
    auth: tallyObject(a.auth),
    samples: a.samples,
    tlsProtocols: tallyObject(a.tls),
    classification: classifyEndpoint({ ...a, auth: tallyObject(a.auth) }, environment),
  };
  if (a.latencyCalls > 0) {
    summary.latencyMsAvg = Math.round((a.latencyMsSum / a.latencyCalls) * 1000) / 1000;
    summary.latencyMsMax = a.latencyMsMax;
  }
  return summary;
}

/** Sets of caller countries and ASNs stop growing at the limit the stored items also keep. */
function addLimited(set: Set<string>, value: string): void {
  if (set.size < CALLER_LIST_LIMIT) set.add(value);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
