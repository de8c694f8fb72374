/**
 * The intake's IAM-signed route. A forwarder running in the customer's AWS account signs its posts
 * with its own role (SigV4, service `execute-api`) and sends the ingest key in `X-Surveyor-Key`;
 * API Gateway proves the caller's account, so a key bound to that account works there and nowhere
 * else. The route is chosen by the URL: a forwarder given `.../v1/aws/logs` signs, `.../v1/logs`
 * does not.
 */
import { Hash } from '@smithy/core/serde';
import { SignatureV4 } from '@smithy/signature-v4';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';

export const INTAKE_PATH = '/v1/logs';
export const SIGNED_INTAKE_PATH = '/v1/aws/logs';
export const SIGNING_SERVICE = 'execute-api';

/** Signs a request and returns all the headers to send (the given ones plus SigV4's). */
export type SignIntakeRequest = (request: {
  readonly url: URL;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer;
}) => Promise<Record<string, string>>;

/** `https://x/prod/v1/logs` -> `https://x/prod/v1/aws/logs`; a signed URL stays as it is. */
export function signedIntakeUrl(intakeUrl: string): string {
  const url = new URL(intakeUrl);
  if (url.pathname.endsWith(INTAKE_PATH))
    url.pathname = url.pathname.slice(0, -INTAKE_PATH.length) + SIGNED_INTAKE_PATH;
  return url.toString();
}

export function isSignedIntakeUrl(url: string): boolean {
  return new URL(url).pathname.endsWith(SIGNED_INTAKE_PATH);
}

/** The Region of an `<api>.execute-api.<region>.amazonaws.com` URL, else `fallback` (a custom domain). */
export function intakeRegion(url: string, fallback: string | undefined): string {
  const match = /\.execute-api\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?$/.exec(new URL(url).hostname);
  const region = match?.[1] ?? fallback;
  if (region === undefined || region === '')
    throw new Error(`cannot tell the Region to sign for from ${new URL(url).hostname}: set AWS_REGION`);
  return region;
}

export function awsIntakeSigner(
  region: string,
  credentials: AwsCredentialIdentity | AwsCredentialIdentityProvider,
): SignIntakeRequest {
  const signer = new SignatureV4({
    credentials,
    region,
    service: SIGNING_SERVICE,
    sha256: Hash.bind(null, 'sha256'),
  });
  return async ({ url, headers, body }) => {
    const signed = await signer.sign({
      method: 'POST',
      protocol: url.protocol,
      hostname: url.hostname,
      ...(url.port !== '' && { port: Number(url.port) }),
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: { ...headers, host: url.host },
      body,
    });
    // fetch derives Host from the URL (the same value that was signed).
    const { host: _host, ...sent } = signed.headers;
    return sent;
  };
}
