/**
 * Where an integration may send, judged on its URL before anything is resolved: https (plain http
 * only to a loopback host in local mode), no credentials in the URL, and Slack and PagerDuty only at
 * their real hosts (or the local sink in local mode). Which ADDRESSES a name may reach is decided by
 * the address vetter (shared/net), at save time and again at send time on the resolved address.
 */
import type { IntegrationType } from '#events/integration.schema';

export interface DestinationPolicy {
  /** Local mode (`npm start`, the CLI against it): plain-http loopback destinations are allowed. */
  readonly allowLoopback: boolean;
}

export const AWS_DESTINATIONS: DestinationPolicy = { allowLoopback: false };
export const LOCAL_DESTINATIONS: DestinationPolicy = { allowLoopback: true };

export const PAGERDUTY_EVENTS_URL = 'https://events.pagerduty.com/v2/enqueue';

/** Hosts and path prefixes each service really uses; webhooks may go anywhere that is vetted. */
const SERVICE_HOSTS: Readonly<Record<Exclude<IntegrationType, 'webhook'>, readonly [string, string][]>> = {
  slack: [['hooks.slack.com', '/services/']],
  pagerduty: [
    ['events.pagerduty.com', '/v2/enqueue'],
    ['events.eu.pagerduty.com', '/v2/enqueue'],
  ],
};

export class UnsafeDestinationError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(`unsafe destination: ${message}`, options);
    this.name = 'UnsafeDestinationError';
  }
}

/** Host names that name this machine; addresses are judged by the vetter. */
function isLoopbackName(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127(?:\.\d{1,3}){3}$/.test(hostname);
}

/**
 * The destination URL, or `UnsafeDestinationError` saying what is wrong.
 * @example checkDestination('slack', 'https://hooks.slack.com/services/T0/B0/x', AWS_DESTINATIONS)
 */
export function checkDestination(type: IntegrationType, input: string, policy: DestinationPolicy): URL {
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    throw new UnsafeDestinationError(`${JSON.stringify(input)} is not a URL`);
  }
  if (url.username !== '' || url.password !== '')
    throw new UnsafeDestinationError('credentials in the destination URL are refused');
  if (url.hash !== '') throw new UnsafeDestinationError('a destination URL has no #fragment');
  const loopback = isLoopbackName(url.hostname);
  if (url.protocol === 'http:') {
    if (!policy.allowLoopback)
      throw new UnsafeDestinationError(`destinations must use https, not ${url.protocol}`);
    if (!loopback)
      throw new UnsafeDestinationError('plain http is allowed only to a loopback address (local mode)');
  } else if (url.protocol !== 'https:') {
    throw new UnsafeDestinationError(`destinations must use https, not ${url.protocol}`);
  }
  if (type !== 'webhook' && !(policy.allowLoopback && loopback)) {
    const allowed = SERVICE_HOSTS[type];
    const ok = allowed.some(([host, path]) => url.hostname === host && url.pathname.startsWith(path));
    if (!ok || url.port !== '')
      throw new UnsafeDestinationError(
        `a ${type} destination must be ${allowed.map(([h, p]) => `https://${h}${p}`).join(' or ')}...`,
      );
  }
  return url;
}

/**
 * What may be shown of a destination after it is saved: scheme, host, port and the last four
 * characters (Slack's URL is itself the secret).
 * @example destinationHint('https://hooks.slack.com/services/T0/B0/abcdWXYZ') === 'https://hooks.slack.com/…WXYZ'
 */
export function destinationHint(url: URL): string {
  const rest = `${url.pathname}${url.search}`;
  return rest.length <= 1 ? url.origin : `${url.origin}/…${rest.slice(-4)}`;
}
