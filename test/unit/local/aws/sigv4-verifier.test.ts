import { describe, it, expect } from '@jest/globals';
import { awsIntakeSigner } from '#shared/ingest/forward/intake-signing';
import { verifySigV4, type SignedRequest } from '#local/aws/sigv4-verifier';

const role = { accessKeyId: 'AKIAFORWARDERROLE001', secretAccessKey: 'forwarder-secret' };
const principals = [{ ...role, accountId: '111122223333' }];
const url = new URL('http://127.0.0.1:4567/v1/aws/logs?format=alb&host=api.example.com');
const body = Buffer.from('GET /v1/orders 200\n');

/** What the forwarder sends, as the server receives it (Node lower-cases header names). */
async function signed(
  credentials = role,
  content = body,
  region = 'us-east-1',
): Promise<SignedRequest & { headers: Record<string, string> }> {
  const headers = await awsIntakeSigner(
    region,
    credentials,
  )({
    url,
    body: content,
    headers: { 'content-type': 'text/plain', 'x-surveyor-key': 'Bearer ik_x.y' },
  });
  const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  return { method: 'POST', url, body: content, headers: { ...lower, host: url.host } };
}
const verify = (request: SignedRequest, now = new Date()) =>
  verifySigV4(request, principals, 'us-east-1', now);

describe('the local IAM route (API Gateway IAM authorization on loopback)', () => {
  it("accepts the AWS SDK signer's request and names the signer's account", async () => {
    expect(await verify(await signed())).toEqual({ ok: true, accountId: '111122223333' });
  });

  it('refuses what API Gateway refuses, with its messages', async () => {
    const good = await signed();
    const { authorization: _, ...unsigned } = good.headers;
    const otherSecret = await signed({ ...role, secretAccessKey: 'guessed' });
    const unknownKey = await signed({ accessKeyId: 'AKIANOBODY0000000001', secretAccessKey: 'x' });
    const otherRegion = await signed(role, body, 'eu-west-1');
    const swappedBody = { ...good, body: Buffer.from('GET /admin 200\n') };
    const swappedQuery = { ...good, url: new URL(url.toString().replace('format=alb', 'format=nginx')) };
    const swappedKey = { ...good, headers: { ...good.headers, 'x-surveyor-key': 'Bearer ik_other.z' } };

    expect(await verify({ ...good, headers: unsigned })).toEqual({
      ok: false,
      message: 'Missing Authentication Token',
    });
    for (const refused of [otherSecret, otherRegion, swappedBody, swappedQuery, swappedKey])
      expect(await verify(refused)).toEqual({ ok: false, message: expect.stringMatching(/does not match/) });
    expect(await verify(unknownKey)).toEqual({
      ok: false,
      message: expect.stringMatching(/token .* invalid/),
    });
  });

  it('refuses a signature more than 15 minutes from now (a replayed request)', async () => {
    const request = await signed();
    const later = new Date(Date.now() + 16 * 60 * 1000);
    expect(await verify(request, later)).toEqual({ ok: false, message: 'Signature expired.' });
    expect(await verify(request, new Date(Date.now() + 10 * 60 * 1000))).toMatchObject({ ok: true });
  });
});
