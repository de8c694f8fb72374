/**
 * Tells the access-log formats apart by their first lines: ALB, API Gateway (JSON or CLF), nginx or
 * Apache combined (a quoted referer after status and size; both read the same), Envoy's default.
 * JSON lines other than API Gateway's need `format: 'json'` said explicitly.
 */
const ALB = /^(?:http|https|h2|grpcs|ws|wss) \d{4}-\d{2}-\d{2}T/;
const COMBINED = /^\S+ \S+ \S+ \[[^\]]+\] "[^"]*" \d{3} (?:\d+|-) "/;
const ENVOY = /^\[\d{4}-\d{2}-\d{2}T[^\]]*\] "/;

export type LogFormat = 'alb' | 'apigw' | 'nginx' | 'apache' | 'envoy' | 'json';

/** `detectFormat(['https 2024-...'])` -> 'alb'; undefined when no line is recognisably either. */
export function detectFormat(sampleLines: readonly string[]): LogFormat | undefined {
  for (const line of sampleLines) {
    const text = line.trimStart();
    if (text === '') continue;
    if (ALB.test(text)) return 'alb';
    if (COMBINED.test(text)) return 'nginx';
    if (ENVOY.test(text)) return 'envoy';
    if (text.startsWith('{') || /^\S+ \S+ \S+ \[[^\]]+\] ?"/.test(text)) return 'apigw';
  }
  return undefined;
}
