import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { certificateTransparencySource } from '#shared/scans/certificate-transparency';
import { UnsafeTargetError } from '#shared/net/errors';

// A crt.sh-shaped search on loopback: answers by the `q` it was asked.
const ANSWERS: Record<string, { status: number; body: string }> = {
  '%.acme.example': {
    status: 200,
    body: JSON.stringify([
      { issuer_name: 'C=US, O=Let us', name_value: 'api.acme.example\n*.dev.acme.example' },
      { name_value: 'API.acme.example\nstaging-api.acme.example' },
      { name_value: 'ops@acme.example' },
      { id: 7 },
    ]),
  },
  '%.broken.example': { status: 200, body: '{"error":"rate limited"}' },
  '%.down.example': { status: 503, body: 'try later' },
};
const asked: string[] = [];
let server: http.Server;
let baseUrl: string;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const url = new URL(req.url!, 'http://x');
    asked.push(`${url.searchParams.get('q')} ${url.searchParams.get('output')} ${req.headers['user-agent']}`);
    const answer = ANSWERS[url.searchParams.get('q') ?? ''] ?? { status: 200, body: '[]' };
    res.writeHead(answer.status, { 'content-type': 'application/json' }).end(answer.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise((resolve) => server.close(resolve)));

describe('the certificate-transparency source', () => {
  it("asks for every name under the domain and returns each certificate's names once, lower-cased", async () => {
    const names = await certificateTransparencySource({ baseUrl, allowLoopback: true })('acme.example');

    expect([...names].sort()).toEqual(['*.dev.acme.example', 'api.acme.example', 'staging-api.acme.example']);
    expect(asked.at(-1)).toMatch(/^%\.acme\.example json Surveyor/);
  });

  it('fails on an answer that is not a list or not a 200, so discovery goes on without it', async () => {
    const source = certificateTransparencySource({ baseUrl, allowLoopback: true });
    await expect(source('broken.example')).rejects.toThrow('not a list');
    await expect(source('down.example')).rejects.toThrow('503');
  });

  it('connects only to vetted addresses: a loopback search is refused unless allowed', async () => {
    await expect(certificateTransparencySource({ baseUrl })('acme.example')).rejects.toThrow(
      UnsafeTargetError,
    );
  });
});
