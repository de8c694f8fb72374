import { describe, it, expect, afterAll, beforeAll } from '@jest/globals';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { LOCAL_DESTINATIONS } from '#shared/alerts/destination';
import { vettedTransport } from '#shared/alerts/vetted-net';

describe('the vetted transport on loopback (local mode)', () => {
  let server: Server;
  let port: number;
  const seen: { host?: string; body: string }[] = [];
  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        seen.push({ host: req.headers.host, body });
        if (req.url === '/moved') res.writeHead(302, { location: 'http://169.254.169.254/' }).end();
        else res.writeHead(429, { 'retry-after': '3' }).end('slow down');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it('connects to the vetted address with the name in Host, and returns status, headers and body', async () => {
    const send = vettedTransport(LOCAL_DESTINATIONS, async () => ['127.0.0.1']);
    const response = await send({
      url: `http://receiver.test:${port}/hook`,
      headers: { 'content-type': 'application/json' },
      body: '{"type":"finding.opened"}',
      timeoutMs: 5000,
    });
    expect(response).toMatchObject({ status: 429, body: 'slow down', headers: { 'retry-after': '3' } });
    expect(seen.at(-1)).toEqual({ host: `receiver.test:${port}`, body: '{"type":"finding.opened"}' });
  });

  it('hands a redirect back as it is, without following it', async () => {
    const send = vettedTransport(LOCAL_DESTINATIONS);
    const before = seen.length;
    const response = await send({
      url: `http://127.0.0.1:${port}/moved`,
      headers: {},
      body: '{}',
      timeoutMs: 5000,
    });
    expect(response.status).toBe(302);
    expect(seen.length).toBe(before + 1);
  });
});
