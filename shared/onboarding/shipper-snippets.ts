/**
 * Ready-made shipper configurations for one ingest key: Fluent Bit's `http` output and Vector's
 * `http` sink, posting a log file to the intake (docs/SHIPPERS.md explains each setting), and a
 * `curl` line for a first test.
 */

export interface ShipperTarget {
  /** The intake URL, e.g. `https://ingest.surveyor.example/v1/logs`. */
  readonly intakeUrl: string;
  readonly key: string;
  /** Intake format of the lines: `nginx`, `apache`, `envoy`, `json`, `alb`, `apigw`. */
  readonly format: string;
  /** Host of the API when the lines carry none (nginx `combined`, `main`). */
  readonly host?: string | undefined;
  /** The access log the shipper tails. */
  readonly path: string;
}

export interface ShipperSnippets {
  readonly fluentBit: string;
  readonly vector: string;
  readonly curl: string;
}

/** The intake URL with the query every shipper sends: `?format=nginx&host=api.example.com`. */
export function intakeRequestUrl(target: ShipperTarget, extra: Record<string, string> = {}): URL {
  const url = new URL(target.intakeUrl);
  url.searchParams.set('format', target.format);
  if (target.host !== undefined && target.host !== '') url.searchParams.set('host', target.host);
  for (const [name, value] of Object.entries(extra)) url.searchParams.set(name, value);
  return url;
}

export function shipperSnippets(target: ShipperTarget): ShipperSnippets {
  return { fluentBit: fluentBitConfig(target), vector: vectorConfig(target), curl: curlCommand(target) };
}

/**
 * Fluent Bit (classic format). `tail` keeps each line in the record's `log` key and `json_lines`
 * sends one record per line, so `log_key=log` tells the intake where the raw line is.
 */
export function fluentBitConfig(target: ShipperTarget): string {
  const url = intakeRequestUrl(target, { log_key: 'log' });
  const tls = url.protocol === 'https:';
  const port = url.port === '' ? (tls ? '443' : '80') : url.port;
  return [
    '[INPUT]',
    '    Name              tail',
    `    Path              ${target.path}`,
    '    Tag               surveyor',
    '',
    '[OUTPUT]',
    '    Name              http',
    '    Match             surveyor',
    `    Host              ${url.hostname}`,
    `    Port              ${port}`,
    `    URI               ${url.pathname}${url.search}`,
    `    tls               ${tls ? 'On' : 'Off'}`,
    ...(tls ? ['    tls.verify        On'] : []),
    '    Format            json_lines',
    '    Json_Date_Key     false',
    '    Compress          gzip',
    `    Header            Authorization Bearer ${target.key}`,
    '    Retry_Limit       5',
    '',
  ].join('\n');
}

/** Vector (TOML). The `text` codec sends each event's raw `message`, one per line. */
export function vectorConfig(target: ShipperTarget): string {
  const url = intakeRequestUrl(target);
  return [
    '[sources.surveyor_access_log]',
    'type = "file"',
    `include = [${JSON.stringify(target.path)}]`,
    '',
    '[sinks.surveyor]',
    'type = "http"',
    'inputs = ["surveyor_access_log"]',
    `uri = ${JSON.stringify(url.href)}`,
    'method = "post"',
    'compression = "gzip"',
    'encoding.codec = "text"',
    'framing.method = "newline_delimited"',
    'auth.strategy = "bearer"',
    `auth.token = ${JSON.stringify(target.key)}`,
    // Below the Lambda request limit once base64-encoded (docs/SHIPPERS.md).
    'batch.max_bytes = 4000000',
    'batch.timeout_secs = 5',
    '',
  ].join('\n');
}

export function curlCommand(target: ShipperTarget): string {
  const url = intakeRequestUrl(target);
  return `gzip -c ${target.path} | curl -sS -X POST '${url.href}' -H 'Authorization: Bearer ${target.key}' -H 'Content-Encoding: gzip' --data-binary @-`;
}
