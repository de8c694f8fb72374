import { afterAll, beforeAll, describe, it, expect } from '@jest/globals';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { connectVetted } from '#shared/net/connect';
import { NetTimeoutError, RedirectRefusedError, UnsafeTargetError } from '#shared/net/errors';
import { httpRequest } from '#shared/net/http-request';
import { VettedAgent } from '#shared/net/vetted-agent';
import type { LookupAddresses } from '#shared/net/resolve';
import { selfSigned } from './self-signed.ts';

interface Seen {
  readonly path: string;
  readonly host: string | undefined;
  readonly method: string;
  readonly body: string;
  readonly sni?: string;
}

const seen: Seen[] = [];
const record = (req: http.IncomingMessage, body: string): void => {
  seen.push({
    path: req.url ?? '',
    host: req.headers.host,
    method: req.method ?? '',
    body,
    ...(req.socket && 'servername' in req.socket && { sni: String((req.socket as TLSSocket).servername) }),
  });
};

let plainPort = 0;
let tlsPort = 0;
let ca = '';
const servers: http.Server[] = [];

function handler(req: http.IncomingMessage, res: http.ServerResponse): void {
  let body = '';
  req.on('data', (c: Buffer) => (body += c.toString()));
  req.on('end', () => {
    record(req, body);
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname === '/redirect') {
      res.writeHead(Number(url.searchParams.get('status') ?? 302), {
        location: url.searchParams.get('to') ?? '/',
      });
      res.end();
    } else if (url.pathname === '/big') {
      res.end('x'.repeat(100_000));
    } else if (url.pathname === '/hang') {
      res.flushHeaders();
    } else {
      res.end(`ok ${req.method} ${url.pathname}`);
    }
  });
}

beforeAll(async () => {
  const plain = http.createServer(handler);
  const { cert, key } = selfSigned('api.demo.test');
  ca = cert;
  const secure = https.createServer({ cert, key }, handler);
  servers.push(plain, secure);
  await Promise.all(servers.map((s) => new Promise<void>((r) => s.listen(0, '127.0.0.1', r))));
  plainPort = (plain.address() as AddressInfo).port;
  tlsPort = (secure.address() as AddressInfo).port;
});

afterAll(async () => {
  for (const s of servers) s.closeAllConnections();
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
});

/** A resolver whose answer changes on every call, like a rebinding attacker's DNS. */
function rebinding(answers: string[][]): LookupAddresses & { calls: string[] } {
  const calls: string[] = [];
  const lookup = async (host: string) => {
    calls.push(host);
    return answers[Math.min(calls.length - 1, answers.length - 1)]!;
  };
  return Object.assign(lookup, { calls });
}

describe('httpRequest', () => {
  it('refuses a loopback target unless loopback is explicitly allowed', async () => {
    const before = seen.length;
    await expect(httpRequest(`http://127.0.0.1:${plainPort}/`)).rejects.toThrow(UnsafeTargetError);
    await expect(httpRequest(`http://[::ffff:127.0.0.1]:${plainPort}/`)).rejects.toThrow(UnsafeTargetError);
    expect(seen.length).toBe(before);
    const ok = await httpRequest(`http://127.0.0.1:${plainPort}/a`, { allowLoopback: true });
    expect(ok).toMatchObject({ status: 200, address: '127.0.0.1' });
    expect(ok.body.toString()).toBe('ok GET /a');
  });

  it('connects to the address resolved once, even when a redirect comes back to a rebinding name', async () => {
    const lookup = rebinding([['127.0.0.1'], ['169.254.169.254']]);
    const to = `http://rebind.demo.test:${plainPort}/final`;
    const res = await httpRequest(
      `http://rebind.demo.test:${plainPort}/redirect?to=${encodeURIComponent(to)}`,
      {
        lookup,
        allowLoopback: true,
        redirect: 'follow',
      },
    );
    expect(res).toMatchObject({ status: 200, url: to, address: '127.0.0.1' });
    expect(lookup.calls).toEqual(['rebind.demo.test']);
  });

  it('refuses a redirect to a name that resolves to the metadata service, and to metadata literals', async () => {
    const lookup: LookupAddresses = async (host) =>
      host === 'metadata.demo.test' ? ['169.254.169.254'] : ['127.0.0.1'];
    for (const to of [
      'http://metadata.demo.test/latest/meta-data/',
      'http://169.254.169.254/',
      'http://[fd00:ec2::254]/',
    ]) {
      const error = await httpRequest(
        `http://start.demo.test:${plainPort}/redirect?to=${encodeURIComponent(to)}`,
        {
          lookup,
          allowLoopback: true,
          redirect: 'follow',
        },
      ).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(UnsafeTargetError);
      expect((error as UnsafeTargetError).reason).toBe('cloud metadata address');
    }
  });

  it('refuses a redirect to a private address reached through decimal spelling', async () => {
    const to = 'http://167772161/'; // 10.0.0.1
    await expect(
      httpRequest(`http://127.0.0.1:${plainPort}/redirect?to=${encodeURIComponent(to)}`, {
        allowLoopback: true,
        redirect: 'follow',
      }),
    ).rejects.toThrow('Refused 10.0.0.1: private address');
  });

  it('returns redirects unfollowed by default and throws on them when told to', async () => {
    const url = `http://127.0.0.1:${plainPort}/redirect?to=/next`;
    const res = await httpRequest(url, { allowLoopback: true });
    expect(res).toMatchObject({ status: 302, headers: { location: '/next' } });
    await expect(httpRequest(url, { allowLoopback: true, redirect: 'error' })).rejects.toThrow(
      RedirectRefusedError,
    );
  });

  it('stops after the redirect limit', async () => {
    const loop = `/redirect?to=${encodeURIComponent('/redirect?to=/redirect')}`;
    await expect(
      httpRequest(`http://127.0.0.1:${plainPort}${loop}`, {
        allowLoopback: true,
        redirect: 'follow',
        maxRedirects: 1,
      }),
    ).rejects.toThrow('too many redirects');
  });

  it('sends SNI and Host for the name while connecting to the pinned address, and verifies the certificate', async () => {
    const res = await httpRequest(`https://api.demo.test:${tlsPort}/tls`, {
      address: '127.0.0.1',
      allowLoopback: true,
      tls: { ca },
    });
    expect(res).toMatchObject({ status: 200, tls: { authorized: true, protocol: 'TLSv1.3' } });
    expect(seen.at(-1)).toMatchObject({
      path: '/tls',
      host: `api.demo.test:${tlsPort}`,
      sni: 'api.demo.test',
    });
  });

  it('rejects a certificate for another name unless verification is off, then reports why', async () => {
    const options = { address: '127.0.0.1', allowLoopback: true, tls: { ca } };
    await expect(httpRequest(`https://other.demo.test:${tlsPort}/`, options)).rejects.toMatchObject({
      code: 'ERR_TLS_CERT_ALTNAME_INVALID',
    });
    const res = await httpRequest(`https://other.demo.test:${tlsPort}/`, {
      ...options,
      tls: { ca, rejectUnauthorized: false },
    });
    expect(res.tls).toEqual({
      protocol: 'TLSv1.3',
      authorized: false,
      error: 'ERR_TLS_CERT_ALTNAME_INVALID',
    });
  });

  it('refuses a pinned address that is not allowed before connecting', async () => {
    await expect(
      httpRequest(`https://api.demo.test:${tlsPort}/`, { address: '10.0.0.8', allowLoopback: true }),
    ).rejects.toThrow('Refused api.demo.test: 10.0.0.8 is a private address');
  });

  it('delivers a POST body with its headers, as a webhook does', async () => {
    const res = await httpRequest(`http://hooks.demo.test:${plainPort}/hook`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Webhook-Id': 'msg_1' },
      body: '{"type":"finding.opened"}',
      address: '127.0.0.1',
      allowLoopback: true,
      redirect: 'error',
    });
    expect(res.status).toBe(200);
    expect(seen.at(-1)).toMatchObject({ method: 'POST', path: '/hook', body: '{"type":"finding.opened"}' });
  });

  it('keeps at most maxBodyBytes of a body and says it was truncated', async () => {
    const res = await httpRequest(`http://127.0.0.1:${plainPort}/big`, {
      allowLoopback: true,
      maxBodyBytes: 1000,
    });
    expect(res.body.length).toBe(1000);
    expect(res.truncated).toBe(true);
  });

  it('gives up on a server that never finishes its answer at the deadline', async () => {
    const started = Date.now();
    await expect(
      httpRequest(`http://127.0.0.1:${plainPort}/hang`, { allowLoopback: true, timeoutMs: 300 }),
    ).rejects.toThrow(NetTimeoutError);
    expect(Date.now() - started).toBeLessThan(3000);
  });
});

describe('VettedAgent', () => {
  it('reuses one vetted connection for a series of requests to the same service', async () => {
    const secure = servers[1]!;
    let connections = 0;
    const count = () => connections++;
    secure.on('secureConnection', count);
    const agent = new VettedAgent({ allowLoopback: true });
    try {
      for (const path of ['/1', '/2', '/3']) {
        const res = await httpRequest(`https://api.demo.test:${tlsPort}${path}`, {
          address: '127.0.0.1',
          allowLoopback: true,
          tls: { ca },
          agent,
        });
        expect(res).toMatchObject({ status: 200, tls: { authorized: true } });
      }
      expect(connections).toBe(1);
      expect(seen.slice(-3).map((s) => [s.path, s.sni])).toEqual([
        ['/1', 'api.demo.test'],
        ['/2', 'api.demo.test'],
        ['/3', 'api.demo.test'],
      ]);
    } finally {
      secure.off('secureConnection', count);
      agent.destroy();
    }
  });

  it('still refuses a pinned address the policy does not allow', async () => {
    const agent = new VettedAgent({ allowLoopback: true });
    await expect(
      httpRequest(`http://x.demo.test:${plainPort}/`, {
        address: '169.254.169.254',
        allowLoopback: true,
        agent,
      }),
    ).rejects.toThrow(UnsafeTargetError);
    agent.destroy();
  });
});

describe('connectVetted', () => {
  it('refuses metadata and private addresses without connecting', async () => {
    await expect(
      connectVetted({ host: 'x.demo.test', address: '169.254.169.254', port: 80 }),
    ).rejects.toThrow(UnsafeTargetError);
    await expect(
      connectVetted({ host: 'x.demo.test', address: 'fd00:ec2::254', port: 80 }, { allowLoopback: true }),
    ).rejects.toThrow('cloud metadata address');
  });

  it('completes a TLS handshake with an unverified certificate when asked to, for inspection', async () => {
    const socket = (await connectVetted(
      { host: 'api.demo.test', address: '127.0.0.1', port: tlsPort },
      { allowLoopback: true, tls: { rejectUnauthorized: false } },
    )) as TLSSocket;
    expect(socket.authorized).toBe(false);
    expect(socket.authorizationError).toBe('DEPTH_ZERO_SELF_SIGNED_CERT');
    expect(socket.getPeerCertificate().subject.CN).toBe('api.demo.test');
    socket.destroy();
  });
});
