import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../../unit/cli/run-cli.ts';
import { plantedTypes, startEstateFixture, type EstateFixture } from './estate-fixture.ts';

let fixture: EstateFixture;
const scratch = mkdtempSync(join(tmpdir(), 'surveyor-scan-cli-'));
const file = (name: string, content: unknown) => {
  const path = join(scratch, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
};

beforeAll(async () => {
  fixture = await startEstateFixture(180);
});
afterAll(() => fixture.close());

describe('surveyor scan --targets', () => {
  it('finds every planted issue and nothing on clean hosts, in the documented JSON shape', async () => {
    const { code, stdout, stderr } = await run([
      'scan',
      '--targets',
      fixture.targetsFile,
      '--ca-file',
      fixture.caFile,
      '--allow-loopback',
      '--json',
    ]);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    const out = JSON.parse(stdout) as {
      hosts: { host: string }[];
      findings: Record<string, unknown>[];
      report: Record<string, unknown>;
    };
    for (const f of out.findings)
      expect(Object.keys(f).sort()).toEqual(['evidence', 'host', 'port', 'severity', 'type']);
    const byHost: Record<string, string[]> = Object.fromEntries(out.hosts.map((h) => [h.host, []]));
    for (const f of out.findings) byHost[f.host as string]!.push(f.type as string);
    for (const types of Object.values(byHost)) types.sort();
    // Log4Shell needs a tenant's opt-in and Surveyor's callback listener: only domain scans probe it.
    const planted = plantedTypes(fixture.estate);
    planted['search.acme-shop.example'] = [];
    expect(byHost).toEqual(planted);
    expect(out.report).toMatchObject({ hosts: 19, exposedFiles: 5, exposedSpecs: 1 });
  });

  it('refuses loopback targets unless --allow-loopback is given, before connecting', async () => {
    const { code, stdout, stderr } = await run(['scan', '--targets', fixture.targetsFile]);
    expect(code).not.toBe(0);
    expect(stdout).toBe('');
    expect(stderr).toMatch(
      /^surveyor: Refused www\.acme-shop\.example: 127\.0\.2\.\d+ is a loopback address\n$/,
    );
  });

  it('refuses metadata, private and IPv4-mapped internal addresses even with --allow-loopback', async () => {
    for (const address of ['169.254.169.254', '10.1.2.3', '::ffff:192.168.0.1', 'fd00:ec2::254']) {
      const targets = file('unsafe.json', [{ host: 'api.example.com', address, port: 443 }]);
      const { code, stderr } = await run(['scan', '--targets', targets, '--allow-loopback', '--json']);
      expect({
        address,
        code: code !== 0,
        refused: stderr.startsWith('surveyor: Refused api.example.com'),
      }).toEqual({
        address,
        code: true,
        refused: true,
      });
    }
  });

  it('explains malformed input and wrong flag combinations with a non-zero exit', async () => {
    const cases: [string[], RegExp][] = [
      [['scan', '--targets', file('bad.json', '{"host":1}')], /expected \[\{ "host", "address", "port" \}/],
      [['scan', '--targets', file('nojson.json', 'nope')], /not JSON/],
      [
        ['scan', '--targets', fixture.targetsFile, '--ca-file', file('ca.pem', 'no cert')],
        /no PEM certificate/,
      ],
      [['scan'], /either --domain D --tenant T, or --targets FILE/],
      [['scan', '--domain', 'example.com'], /--domain needs --tenant/],
    ];
    for (const [args, message] of cases) {
      const { code, stderr } = await run(args);
      expect({ args, failed: code !== 0, message: message.test(stderr) }).toEqual({
        args,
        failed: true,
        message: true,
      });
    }
  });
});
