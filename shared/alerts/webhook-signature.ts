/**
 * Standard Webhooks signing (https://www.standardwebhooks.com): secrets are `whsec_<base64 key>`,
 * a signature is `v1,<base64 HMAC-SHA256(key, "<id>.<timestamp>.<body>")>`, and during a rotation
 * one header carries a signature per live secret, separated by spaces, so receivers holding either
 * secret verify.
 */
import { createHmac, randomBytes } from 'node:crypto';

const PREFIX = 'whsec_';

/** A new secret: 32 random bytes. */
export function newWebhookSecret(): string {
  return `${PREFIX}${randomBytes(32).toString('base64')}`;
}

/** `v1,<base64>` for one secret. */
export function webhookSignature(secret: string, id: string, timestamp: number, body: string): string {
  const key = Buffer.from(secret.startsWith(PREFIX) ? secret.slice(PREFIX.length) : secret, 'base64');
  return `v1,${createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64')}`;
}

/**
 * The three Standard Webhooks headers for one attempt (the timestamp is the attempt's, in seconds).
 * @example webhookHeaders(['whsec_...'], 'msg_1f...', 1714560000, body)['webhook-signature'] === 'v1,...'
 */
export function webhookHeaders(
  secrets: readonly string[],
  id: string,
  timestamp: number,
  body: string,
): Record<string, string> {
  return {
    'webhook-id': id,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': secrets.map((s) => webhookSignature(s, id, timestamp, body)).join(' '),
  };
}
