/** Short human texts for alert messages: evidence as `key: value` pairs, an endpoint as one line. */
import type { AlertFinding } from '#events/alert-event.schema';

/** `calls: 12, sensitive: email, card` within `max` characters. */
export function evidenceText(evidence: AlertFinding['evidence'], max = 500): string {
  const parts = Object.entries(evidence).map(
    ([key, value]) => `${key}: ${Array.isArray(value) ? value.join(', ') : String(value)}`,
  );
  return truncate(parts.join('; '), max);
}

/** `GET api.example.com /users/{id}` (the host alone for host-wide findings). */
export function endpointText(finding: Pick<AlertFinding, 'host' | 'method' | 'path'>): string {
  return [finding.method, finding.host, finding.path].filter((p) => p !== null).join(' ');
}

/** Cuts to `max` characters with an ellipsis. */
export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
