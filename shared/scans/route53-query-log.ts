/**
 * Route 53 public DNS query logs, as the AWS Log4Shell listener reads them: one line per query,
 * space-separated (`1.0 <timestamp> <zone id> <name> <type> <rcode> <protocol> <edge> <resolver ip>
 * <client subnet>`). Only the queried name and the time matter for the canary.
 */

export interface LoggedQuery {
  readonly name: string;
  readonly at: Date;
}

// Names are at most 253 characters; anything else on the line is not a query we asked for.
const MAX_NAME = 253;

/** The query a log line records, or undefined for a line that is not a version-1.0 query log entry. */
export function parseRoute53QueryLog(line: string): LoggedQuery | undefined {
  const [version, timestamp, , rawName] = line.trim().split(/\s+/);
  if (version !== '1.0' || timestamp === undefined || rawName === undefined) return undefined;
  const at = new Date(timestamp);
  const name = rawName.toLowerCase().replace(/\.$/, '');
  if (Number.isNaN(at.getTime()) || name === '' || name.length > MAX_NAME) return undefined;
  return { name, at };
}

/** The queries under `zone` (its subdomains, not the apex) among a delivery's log lines. */
export function queriesUnder(zone: string, lines: readonly string[]): LoggedQuery[] {
  const suffix = `.${zone.toLowerCase()}`;
  return lines.flatMap((line) => {
    const query = parseRoute53QueryLog(line);
    return query !== undefined && query.name.endsWith(suffix) ? [query] : [];
  });
}
