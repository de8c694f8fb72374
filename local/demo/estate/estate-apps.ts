/** What each demo host answers: websites, JSON APIs, exposed files, a spec, soft-404 traps. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { App } from './estate-hosts.ts';
import { log4ShellLookups } from './log4shell-app.ts';

const PAGE =
  '<!doctype html><html><head><title>Acme Shop</title></head><body><h1>Acme Shop</h1></body></html>';
const NOT_FOUND = '<!doctype html><html><body><h1>Not found</h1></body></html>';

// Planted content: shaped like the real thing, holding no real secret.
const FILES: Readonly<Record<string, { type: string; body: Buffer | string }>> = {
  '/.env': {
    type: 'text/plain',
    body: 'NODE_ENV=production\nDATABASE_URL=postgres://demo:demo@db/shop\nSTRIPE_KEY=sk_test_planted\n',
  },
  '/.git/config': {
    type: 'text/plain',
    body: '[core]\n\trepositoryformatversion = 0\n\tbare = false\n[remote "origin"]\n\turl = git@example.com:acme/shop.git\n',
  },
  '/server.key': {
    type: 'application/octet-stream',
    body: '-----BEGIN PRIVATE KEY-----\nTUlJRXZRSUJBREFOQmdrcWhraUc5dzBCQVFFRkFBU0NCS2N3Z2dTakFnRUFBb0lCQVFD\n-----END PRIVATE KEY-----\n',
  },
  '/.aws/credentials': {
    type: 'text/plain',
    body: '[default]\naws_access_key_id = AKIAPLANTEDDEMO00000\naws_secret_access_key = planted/demo/not/a/real/secret\n',
  },
  '/backup.zip': {
    type: 'application/zip',
    body: Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0, 8, 0]),
  },
};

export const DEMO_SPEC = {
  openapi: '3.0.3',
  info: { title: 'Acme partner API', version: '2.1.0' },
  servers: [{ url: '/partner/v2' }],
  paths: {
    '/orders': { get: { responses: { '200': { description: 'orders' } } } },
    '/orders/{id}': {
      get: {
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
        responses: { '200': { description: 'one order' } },
      },
    },
  },
};

export function appHandler(app: App, dnsLookup: (name: string) => void) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const send = (status: number, type: string, body: Buffer | string) => {
      res.writeHead(status, { 'content-type': type, server: 'demo' });
      res.end(body);
    };
    switch (app) {
      case 'website':
        return path === '/' ? send(200, 'text/html', PAGE) : send(404, 'text/html', NOT_FOUND);
      case 'log4shell':
        for (const name of log4ShellLookups(req.headers)) dnsLookup(name);
        return path === '/' ? send(200, 'text/html', PAGE) : send(404, 'text/html', NOT_FOUND);
      case 'json-api':
        return path === '/'
          ? send(200, 'application/json', '{"service":"orders","version":"1.4"}')
          : send(404, 'application/problem+json', '{"title":"Not Found","status":404}');
      case 'files': {
        const file = FILES[path];
        return file !== undefined ? send(200, file.type, file.body) : send(404, 'text/html', NOT_FOUND);
      }
      case 'spec':
        return path === '/openapi.json'
          ? send(200, 'application/json', JSON.stringify(DEMO_SPEC))
          : path === '/'
            ? send(200, 'text/html', PAGE)
            : send(404, 'text/html', NOT_FOUND);
      case 'soft-404':
        // Answers 200 with the same page to everything (a single-page app's catch-all).
        return send(200, 'text/html', PAGE);
      case 'soft-404-echo':
        // 200 to everything, naming the path: a catch-all that must not pass for a file.
        return send(
          200,
          'text/plain',
          `KEY=VALUE lines are not served here. No file at ${path}\nTRY=again later\n`,
        );
    }
  };
}
