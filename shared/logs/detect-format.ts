/** Tells ALB access logs from API Gateway access logs by their first lines. */
const ALB = /^(?:http|https|h2|grpcs|ws|wss) \d{4}-\d{2}-\d{2}T/;

export type LogFormat = 'alb' | 'apigw';

/** `detectFormat(['https 2024-...'])` -> 'alb'; undefined when no line is recognisably either. */
export function detectFormat(sampleLines: readonly string[]): LogFormat | undefined {
  for (const line of sampleLines) {
    const text = line.trimStart();
    if (text === '') continue;
    if (ALB.test(text)) return 'alb';
    if (text.startsWith('{') || /^\S+ \S+ \S+ \[[^\]]+\] ?"/.test(text)) return 'apigw';
  }
  return undefined;
}
