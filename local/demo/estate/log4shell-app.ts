/**
 * The demo's Log4Shell-like app: like a vulnerable Log4j, it evaluates `${:-x}` defaults inside a
 * `${jndi:ldap://HOST/...}` lookup in any header and resolves HOST by DNS. It never connects to the
 * LDAP server: the demo only needs the DNS lookup Surveyor's listener confirms.
 */
import type { IncomingHttpHeaders } from 'node:http';

const JNDI = /\$\{jndi:(?:ldap|ldaps|dns|rmi):\/\/([^/}]+(?:\}[^/}]*)*)\//g;

/** Host names a vulnerable Log4j would look up for these headers. */
export function log4ShellLookups(headers: IncomingHttpHeaders): string[] {
  const names: string[] = [];
  for (const value of Object.values(headers)) {
    for (const text of Array.isArray(value) ? value : [value ?? '']) {
      for (const match of text.matchAll(JNDI)) {
        const host = match[1]!.replace(/\$\{:-([^}]*)\}/g, '$1');
        if (/^[a-z0-9.-]+$/i.test(host)) names.push(host.toLowerCase());
      }
    }
  }
  return names;
}
