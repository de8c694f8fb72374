/**
 * A local stand-in for Slack and PagerDuty, and a receiver for webhooks: an HTTP server on loopback
 * that answers as those services do (Slack `ok` / 400 `invalid_payload`, PagerDuty 202 / 400
 * `invalid event`), keeps PagerDuty incidents by dedup key, and records every request. `npm start`
 * points the demo tenant's integrations at it; tests assert exact payloads through it.
 *   POST /slack/services/<path>   POST /pagerduty/v2/enqueue   POST /webhooks/<name>
 *   GET /records   GET /pagerduty/incidents
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pagerDutyEventErrors, slackMessageErrors } from './alert-sink-checks.ts';

export interface SinkRecord {
  readonly kind: 'slack' | 'pagerduty' | 'webhook';
  readonly path: string;
  readonly at: string;
  readonly headers: Record<string, string>;
  readonly body: string;
  /** The answer the sink gave. */
  readonly status: number;
}

export interface Incident {
  readonly dedupKey: string;
  status: 'triggered' | 'resolved';
  summary: string;
  events: number;
}

export interface AlertSink {
  readonly url: string;
  slackUrl(name?: string): string;
  readonly pagerDutyUrl: string;
  webhookUrl(name?: string): string;
  records(kind?: SinkRecord['kind']): SinkRecord[];
  incidents(): Incident[];
  stop(): Promise<void>;
}

/** `await startAlertSink({ port: 0 })` (loopback only). */
export async function startAlertSink(options: { host?: string; port?: number } = {}): Promise<AlertSink> {
  const host = options.host ?? '127.0.0.1';
  const records: SinkRecord[] = [];
  const incidents = new Map<string, Incident>();

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = new URL(req.url ?? '/', 'http://sink').pathname;
    if (req.method === 'GET' && path === '/records') return send(res, 200, JSON.stringify(records));
    if (req.method === 'GET' && path === '/pagerduty/incidents')
      return send(res, 200, JSON.stringify([...incidents.values()]));
    if (req.method !== 'POST') return send(res, 405, 'method not allowed');
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]));
    const record = (kind: SinkRecord['kind'], status: number) =>
      records.push({ kind, path, at: new Date().toISOString(), headers, body, status });
    let json: Record<string, unknown>;
    try {
      json = JSON.parse(body) as Record<string, unknown>;
    } catch {
      json = {};
    }
    if (path.startsWith('/slack/services/')) {
      const errors = slackMessageErrors(json);
      record('slack', errors.length === 0 ? 200 : 400);
      return errors.length === 0 ? send(res, 200, 'ok') : send(res, 400, 'invalid_payload');
    }
    if (path === '/pagerduty/v2/enqueue') {
      const errors = pagerDutyEventErrors(json);
      record('pagerduty', errors.length === 0 ? 202 : 400);
      if (errors.length > 0)
        return send(
          res,
          400,
          JSON.stringify({ status: 'invalid event', message: 'Event object is invalid', errors }),
        );
      const dedupKey = (json.dedup_key as string | undefined) ?? `sink-${records.length}`;
      trackIncident(incidents, dedupKey, json);
      return send(
        res,
        202,
        JSON.stringify({ status: 'success', message: 'Event processed', dedup_key: dedupKey }),
      );
    }
    if (path.startsWith('/webhooks/')) {
      record('webhook', 204);
      return send(res, 204, '');
    }
    return send(res, 404, 'not found');
  };

  const server = createServer((req, res) => {
    handle(req, res).catch(() => send(res, 500, 'sink error'));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, resolve);
  });
  const url = `http://${host}:${(server.address() as AddressInfo).port}`;
  return {
    url,
    slackUrl: (name = 'T000/B000/local') => `${url}/slack/services/${name}`,
    pagerDutyUrl: `${url}/pagerduty/v2/enqueue`,
    webhookUrl: (name = 'receiver') => `${url}/webhooks/${name}`,
    records: (kind) => records.filter((r) => kind === undefined || r.kind === kind),
    incidents: () => [...incidents.values()],
    stop: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** PagerDuty's incident model: trigger opens (or adds to) the incident of a dedup key, resolve closes it. */
function trackIncident(
  incidents: Map<string, Incident>,
  dedupKey: string,
  event: Record<string, unknown>,
): void {
  const existing = incidents.get(dedupKey);
  if (event.event_action === 'trigger') {
    const summary = (event.payload as { summary: string }).summary;
    if (existing === undefined || existing.status === 'resolved')
      incidents.set(dedupKey, {
        dedupKey,
        status: 'triggered',
        summary,
        events: (existing?.events ?? 0) + 1,
      });
    else existing.events++;
  } else if (event.event_action === 'resolve' && existing !== undefined) {
    existing.status = 'resolved';
    existing.events++;
  }
}

function send(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, {
    'content-type': body.startsWith('{') || body.startsWith('[') ? 'application/json' : 'text/plain',
  });
  res.end(body);
}
