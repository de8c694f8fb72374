/**
 * The text access-log formats beyond AWS, as log-template.ts templates (nginx variable names):
 * - nginx `main` (the stock nginx.conf format) and `combined` (nginx's built-in), or the tenant's own
 *   `log_format` (then `$host`, `$http_host` or `$server_name` name the host when present);
 * - Apache `combined`, `vhost_combined` (`%v:%p` first) and `common`;
 * - Envoy's default access-log format.
 * A line without a host takes the caller's default host (the intake's `?host=`).
 */
import type { CallSource } from '#events/api-call.schema';
import { compileTemplate, matchTemplate, type LogTemplate } from './log-template.ts';
import { fail, type ParseOptions, type ParseOutcome } from './parse-outcome.ts';
import { callFromFields } from './template-call.ts';

const COMBINED =
  '$remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent "$http_referer" "$http_user_agent"';

export const NGINX_FORMATS = {
  main: `${COMBINED} "$http_x_forwarded_for"`,
  combined: COMBINED,
} as const;

export const APACHE_FORMATS = {
  vhost_combined: `$host:$server_port $remote_addr $ident $remote_user [$time_local] "$request" $status $body_bytes_sent "$http_referer" "$http_user_agent"`,
  combined:
    '$remote_addr $ident $remote_user [$time_local] "$request" $status $body_bytes_sent "$http_referer" "$http_user_agent"',
  common: '$remote_addr $ident $remote_user [$time_local] "$request" $status $body_bytes_sent',
} as const;

/** Envoy's default: `[%START_TIME%] "%REQ(:METHOD)% %REQ(X-ENVOY-ORIGINAL-PATH?:PATH)% %PROTOCOL%" ...`. */
export const ENVOY_FORMAT =
  '[$time_iso8601] "$request_method $request_uri $server_protocol" $status $response_flags $bytes_received $body_bytes_sent $duration_ms $upstream_time_ms "$http_x_forwarded_for" "$http_user_agent" "$request_id" "$host" "$upstream_host"';

export type LineParser = (line: string) => ParseOutcome;

/** Tries each template in order (most specific first) and reads the first that matches. */
export function templateParser(
  source: CallSource,
  templates: readonly LogTemplate[],
  options: ParseOptions | undefined,
  expected: string,
): LineParser {
  return (line) => {
    for (const template of templates) {
      const fields = matchTemplate(template, line);
      if (fields !== undefined) return callFromFields(fields, source, options);
    }
    return fail(`line does not follow ${expected}`);
  };
}

const compiled = (formats: Record<string, string>) => Object.values(formats).map(compileTemplate);
const NGINX = compiled(NGINX_FORMATS);
const APACHE = compiled(APACHE_FORMATS);
const ENVOY = [compileTemplate(ENVOY_FORMAT)];

/** nginx `main` or `combined`, or `options.logFormat` (the tenant's own `log_format`) alone. */
export function nginxParser(options?: ParseOptions): LineParser {
  if (options?.logFormat !== undefined)
    return templateParser('nginx', [compileTemplate(options.logFormat)], options, 'the given log_format');
  return templateParser('nginx', NGINX, options, 'the nginx main or combined format');
}

export function apacheParser(options?: ParseOptions): LineParser {
  return templateParser('apache', APACHE, options, 'the Apache vhost_combined, combined or common format');
}

export function envoyParser(options?: ParseOptions): LineParser {
  return templateParser('envoy', ENVOY, options, "Envoy's default access-log format");
}
