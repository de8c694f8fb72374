/**
 * The client's address for rate limits: the first `x-forwarded-for` entry. Next's own server sets it
 * from the socket locally; in AWS the Lambda bridge overwrites it with the address CloudFront saw,
 * so a client cannot choose its own.
 */
export function clientAddress(forwardedFor: string | string[] | null | undefined): string | undefined {
  const header = Array.isArray(forwardedFor) ? forwardedFor[0] : forwardedFor;
  const first = header?.split(',')[0]?.trim();
  return first === '' ? undefined : first;
}
