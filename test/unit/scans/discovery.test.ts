import { describe, it, expect } from '@jest/globals';
import { discoverHosts } from '#shared/scans/discover-hosts';
import type { DnsClient } from '#shared/scans/dns-client';
import { readTargets, InvalidTargetsError } from '#shared/scans/read-targets';
import { UnsafeTargetError } from '#shared/net/errors';
import { isDomainVerified, normalizeDomain, InvalidDomainError } from '#shared/scans/verify-domain';
import { tenantScheduleInput } from '#shared/scans/tenant-schedule';
import { scanReport } from '#shared/scans/scan-report';
import { createEnvironmentClassifier } from '#shared/classify/environment';

const zone = (a: Record<string, string[]>, txt: Record<string, string[]> = {}): DnsClient => ({
  addresses: async (host) => {
    if (!(host in a)) throw Object.assign(new Error('nx'), { code: 'ENOTFOUND' });
    return a[host]!;
  },
  txt: async (name) => txt[name] ?? [],
});

describe('discoverHosts', () => {
  it('finds wordlist and certificate names that resolve, and lists internal and metadata ones as refused', async () => {
    const dns = zone({
      'example.com': ['93.184.215.14'],
      'api.example.com': ['93.184.215.15'],
      'dev.example.com': ['10.0.0.5'],
      'meta.example.com': ['169.254.169.254'],
      'rebind.example.com': ['93.184.215.16', '127.0.0.1'],
    });
    const found = await discoverHosts(['example.com'], {
      dns,
      wordlist: ['api', 'dev', 'missing', 'rebind'],
      ports: [443],
      certificateNames: async () => ['meta.example.com', '*.example.com', 'elsewhere.org'],
      allowLoopback: false,
    });
    expect(found.targets).toEqual([
      { host: 'api.example.com', address: '93.184.215.15', ports: [443] },
      { host: 'example.com', address: '93.184.215.14', ports: [443] },
    ]);
    expect(found.refused).toEqual([
      { host: 'dev.example.com', reason: '10.0.0.5 is a private address' },
      { host: 'meta.example.com', reason: '169.254.169.254 is a cloud metadata address' },
      { host: 'rebind.example.com', reason: '127.0.0.1 is a loopback address' },
    ]);
  });
});

describe('readTargets', () => {
  it('groups ports per host and address', () => {
    const text = JSON.stringify([
      { host: 'api.example.com', address: '93.184.215.14', port: 443 },
      { host: 'API.example.com', address: '93.184.215.14', port: 8443 },
    ]);
    expect(readTargets(text, 'f', false)).toEqual([
      { host: 'api.example.com', address: '93.184.215.14', ports: [443, 8443] },
    ]);
  });

  it('refuses malformed files, bad names and unsafe addresses before anything is scanned', () => {
    expect(() => readTargets('{', 'f', false)).toThrow(InvalidTargetsError);
    expect(() => readTargets('[{"host":"a.com","port":1}]', 'f', false)).toThrow(/address/);
    expect(() => readTargets('[{"host":"a b","address":"8.8.8.8","port":1}]', 'f', false)).toThrow(
      'f[0]: Invalid host name',
    );
    expect(() => readTargets('[{"host":"a.com","address":"169.254.169.254","port":80}]', 'f', true)).toThrow(
      UnsafeTargetError,
    );
    expect(() => readTargets('[{"host":"a.com","address":"127.0.0.1","port":80}]', 'f', false)).toThrow(
      'loopback',
    );
    expect(readTargets('[{"host":"a.com","address":"127.0.0.1","port":80}]', 'f', true)).toHaveLength(1);
  });
});

describe('domain verification', () => {
  it('accepts only the exact token at _surveyor.<domain>', async () => {
    const dns = zone({}, { '_surveyor.example.com': ['surveyor-verification=abc', 'other'] });
    expect(await isDomainVerified(dns, 'example.com', 'abc')).toBe(true);
    expect(await isDomainVerified(dns, 'example.com', 'abd')).toBe(false);
    expect(await isDomainVerified(dns, 'other.com', 'abc')).toBe(false);
  });

  it('normalises domains and rejects what is not one', () => {
    expect(normalizeDomain('Example.COM.')).toBe('example.com');
    for (const bad of ['localhost', '', 'a..b.com', '-a.com', '1.2.3.4'])
      expect(() => normalizeDomain(bad)).toThrow(InvalidDomainError);
  });
});

describe('non-production hosts share the runtime classifier', () => {
  it('matches whole tokens split by . and -, not substrings', () => {
    const env = createEnvironmentClassifier();
    expect(env('dev-api.example.com')).toBe('dev');
    expect(env('api.staging.example.com')).toBe('staging');
    expect(env('devices.example.com')).toBe('production');
    expect(env('latest.example.com')).toBe('production');
  });
});

describe('tenant schedules and reports', () => {
  it('schedules one daily scan per tenant that starts the state machine with the tenant only', () => {
    const input = tenantScheduleInput('acme', {
      groupName: 'g',
      stateMachineArn: 'arn:sm',
      roleArn: 'arn:role',
    });
    expect(input).toMatchObject({
      Name: 'scan-acme',
      GroupName: 'g',
      ScheduleExpression: 'rate(1 day)',
      Target: { Arn: 'arn:sm', RoleArn: 'arn:role', Input: '{"tenant":"acme"}' },
    });
  });

  it('reports shares of answering hosts and what is new since the previous scan', () => {
    const host = (name: string, environment: string, types: string[]) => ({
      host: name,
      address: '203.0.113.1',
      environment,
      services: [{ port: 443, scheme: 'https' as const, api: types.includes('api-server-detected') }],
      findings: types.map((type) => ({
        type: type as never,
        severity: 'low' as const,
        host: name,
        port: 443,
        evidence: {},
      })),
      operations: [],
    });
    const report = scanReport(
      [
        host('a.example.com', 'production', ['tls-expired']),
        host('dev.example.com', 'dev', ['non-production-host', 'api-server-detected']),
      ],
      { hosts: ['a.example.com'], findingKeys: ['tls-expired a.example.com:443'] },
    );
    expect(report).toMatchObject({
      hostsWithServices: 2,
      apiServers: 1,
      nonProductionPercent: 50,
      tlsIssuesPercent: 50,
      newHosts: ['dev.example.com'],
      newFindings: 2,
    });
  });
});
