import { describe, it, expect } from '@jest/globals';
import fc from 'fast-check';
import type { HttpResponse } from '#shared/net/http-request';
import { apiSigns } from '#shared/scans/http/api-detect';
import { secretContent } from '#shared/scans/http/secret-files';
import { looksLikeBaseline } from '#shared/scans/http/soft-404';
import { log4ShellLookups } from '#local/demo/estate/log4shell-app';

const response = (
  body: string | Buffer,
  headers: Record<string, string> = {},
  status = 200,
): HttpResponse => ({
  url: 'https://h/',
  status,
  headers,
  body: Buffer.isBuffer(body) ? body : Buffer.from(body),
  truncated: false,
  address: '203.0.113.1',
  redirects: [],
});

describe('secretContent', () => {
  it('recognises private keys, env files, git config, cloud credentials and archives by content', () => {
    expect(secretContent('private-key', response('-----BEGIN RSA PRIVATE KEY-----\nMII...\n'))).toBe(
      'private-key',
    );
    expect(secretContent('env-file', response('DB_HOST=x\nDB_PASSWORD=y\n'))).toBe('env-file');
    expect(secretContent('git-config', response('[core]\n\trepositoryformatversion = 0\n'))).toBe(
      'git-config',
    );
    expect(secretContent('cloud-credentials', response('[default]\naws_access_key_id = AKIA\n'))).toBe(
      'cloud-credentials',
    );
    expect(secretContent('backup', response(Buffer.from([0x1f, 0x8b, 8, 0])))).toBe('backup');
    expect(secretContent('backup', response('-- dump\nCREATE TABLE users (id int);\n'))).toBe('backup');
  });

  it('never takes an HTML page for a secret file, whatever it contains', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('private-key', 'env-file', 'git-config', 'cloud-credentials'),
        fc.string(),
        (kind, noise) => {
          const page = `<!doctype html><html><body>${noise}\nKEY=1\nOTHER=2\n-----BEGIN PRIVATE KEY-----\n[core] repositoryformatversion [default] aws_access_key_id=1</body></html>`;
          expect(secretContent(kind, response(page))).toBeUndefined();
        },
      ),
    );
  });

  it('needs more than one KEY= line and the right headers', () => {
    expect(secretContent('env-file', response('HELLO=world\n'))).toBeUndefined();
    expect(secretContent('private-key', response('-----BEGIN CERTIFICATE-----\n'))).toBeUndefined();
    expect(secretContent('backup', response('just text'))).toBeUndefined();
  });
});

describe('soft-404 baseline', () => {
  const baseline = { answers: [{ status: 200, body: 'No file at /.env here'.replace('/.env', '') }] };

  it('treats an answer that only echoes the requested path as the catch-all page', () => {
    expect(looksLikeBaseline(baseline, '/.git/config', response('No file at /.git/config here'))).toBe(true);
  });

  it('keeps an answer that differs from the catch-all page, and drops redirects', () => {
    expect(looksLikeBaseline(baseline, '/.env', response('DB_HOST=db\nDB_PASSWORD=x\n'))).toBe(false);
    expect(looksLikeBaseline(baseline, '/.env', response('', { location: '/login' }, 302))).toBe(true);
  });
});

describe('apiSigns', () => {
  it('recognises JSON, problem+json and API gateway headers, not HTML', () => {
    expect(apiSigns(response('{}', { 'content-type': 'application/json; charset=utf-8' }))).toEqual(['json']);
    expect(apiSigns(response('{}', { 'content-type': 'application/problem+json' }))).toEqual([
      'problem+json',
    ]);
    expect(
      apiSigns(response('{}', { 'content-type': 'application/vnd.api+json', 'x-amzn-requestid': '1' })),
    ).toEqual(['json', 'x-amzn-requestid']);
    expect(apiSigns(response('<html>', { 'content-type': 'text/html' }))).toEqual([]);
  });
});

describe('the demo Log4Shell-like app', () => {
  it('looks up only the name a real nested lookup produces', () => {
    const header = '${jndi:ldap://${:-ab}${:-cd}.tok.cb.surveyor.localhost/s}';
    expect(log4ShellLookups({ 'x-api-version': header })).toEqual(['abcd.tok.cb.surveyor.localhost']);
    expect(log4ShellLookups({ 'x-api-version': 'plain' })).toEqual([]);
  });
});
