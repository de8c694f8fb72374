import { describe, it, expect } from '@jest/globals';
import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { gzipSync } from 'node:zlib';
import type { S3Event } from 'aws-lambda';
import { createGeoLookup } from '#shared/classify/geo';
import { cachedTenantConfig, putRiskRules } from '#shared/tenancy/tenant-config';
import { consumeRecords } from '#shared/ingest/consume';
import { forwardS3Objects } from '#shared/ingest/forward/s3-object';
import { s3Quarantine } from '#shared/ingest/quarantine-store';
import { createKeyResolver, onboardTenant } from '#shared/ingest/registry';
import { tenantScope } from '#shared/tables/keys';
import { localEnv, uniqueTenant } from '../local-env.ts';
import { drainStream } from './drain-stream.ts';

const MASTER = 'no-secrets-master';
const { clients, names } = localEnv();
const now = () => new Date('2024-05-01T13:00:00.000Z');

/** Values that must never be stored: credentials, tokens, personal data. */
const SECRETS = {
  apiKey: 'sk_live_51HxQpL2eZvKYlo2C0a7',
  password: 'hunter2-Correct-Horse',
  amzCredential: 'AKIAIOSFODNN7EXAMPLE',
  jwt: 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c',
  email: 'jane.doe@telecom.example',
  card: '4111111111111111',
  ssn: '078-05-1120',
  session: 'sess_9f8e7d6c5b4a39281706',
  cardDashes: '4111-1111-1111-1111',
  cardSpaces: '4111 1111 1111 1111',
  cardEncoded: '5500%200000%200000%200004',
  phone: '+1-555-123-4567',
  phoneEncoded: '%2B1-555-987-6543',
  pathKey: 'AKIAJ7Q2XW4ZPLMN5RTB',
  pathEmail: 'ops.lead%40telecom.example',
};
/** Decoded and digit-only forms the values above must not appear in either. */
const OTHER_FORMS = ['5500 0000 0000 0004', '+1-555-987-6543', 'ops.lead@telecom.example', '5551234567'];

function albLine(target: string, ip = '8.8.8.8', tls = 'TLSv1.2'): string {
  return `https 2024-05-01T12:00:00.123456Z app/lb/1 ${ip}:443 10.0.0.1:80 0.001 0.010 0.001 200 200 10 20 "${target}" "curl/8.0" ECDHE ${tls} arn "Root=1" "api.telecom.example" "-" 1 2024-05-01T12:00:00.000000Z "forward" "-" "-"`;
}

const LINES = [
  albLine(`GET https://api.telecom.example:443/v1/export?api_key=${SECRETS.apiKey} HTTP/1.1`),
  albLine(`POST https://api.telecom.example:443/v1/login?user=jane&password=${SECRETS.password} HTTP/1.1`),
  albLine(
    `GET https://api.telecom.example:443/v1/files/report.pdf?X-Amz-Credential=${SECRETS.amzCredential}%2F20240501%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Signature=abc HTTP/1.1`,
  ),
  albLine(`GET https://api.telecom.example:443/v1/sessions/${SECRETS.jwt} HTTP/1.1`),
  albLine(`GET https://api.telecom.example:443/v1/customers/${SECRETS.email}/cards/${SECRETS.card} HTTP/1.1`),
  albLine(
    `GET https://api.telecom.example:443/v1/lookup?ssn=${SECRETS.ssn}&sid=${SECRETS.session} HTTP/1.1`,
    '77.88.8.8',
    'TLSv1',
  ),
  // Sensitive values as path segments, in every grouping and encoding: typed parameters, never templates.
  albLine(`GET https://api.telecom.example:443/v1/ssn/${SECRETS.ssn} HTTP/1.1`),
  albLine(`GET https://api.telecom.example:443/v1/cards/${SECRETS.cardDashes} HTTP/1.1`),
  albLine(`GET https://api.telecom.example:443/v1/cards/${SECRETS.cardSpaces} HTTP/1.1`),
  albLine(`GET https://api.telecom.example:443/v1/cards/${SECRETS.cardEncoded}/charges HTTP/1.1`),
  albLine(`GET https://api.telecom.example:443/v1/phones/${SECRETS.phone} HTTP/1.1`),
  albLine(`GET https://api.telecom.example:443/v1/phones/${SECRETS.phoneEncoded} HTTP/1.1`),
  albLine(`GET https://api.telecom.example:443/v1/keys/${SECRETS.pathKey} HTTP/1.1`),
  albLine(`GET https://api.telecom.example:443/v1/users/${SECRETS.pathEmail}/orders HTTP/1.1`),
  // Lines the parser rejects are quarantined in S3: they must be stored redacted too.
  `garbage ${SECRETS.jwt} https://api.telecom.example/v1/customers/${SECRETS.email}?token=${SECRETS.session}`,
  `https 2024-05-01T12:00:00Z "GET /v1/cards/${SECRETS.card}?password=${SECRETS.password}`,
];

describe('no secret value is stored (forwarder -> Kinesis -> consumer -> DynamoDB and S3)', () => {
  it('keeps schemes, types and names, never the values', async () => {
    const tenant = uniqueTenant('secrets');
    await drainStream(new Map()); // the stream is shared: start after what others left
    const checkpoints = new Map<string, string>();
    await drainStream(checkpoints);
    const credential = await onboardTenant(
      { doc: clients.doc, table: names.inventoryTable, masterSecret: MASTER, now },
      tenant,
    );
    await putRiskRules(
      { doc: clients.doc, tableName: names.inventoryTable },
      tenant,
      JSON.stringify({
        settings: { expectedCountries: ['US'] },
        rules: [{ id: 'logins', category: 'Logins', severity: 'low', match: { path: '/v1/login' } }],
      }),
    );
    const key = `AWSLogs/1/elasticloadbalancing/us-east-1/2024/05/01/${tenant}.log.gz`;
    const put = await clients.s3.send(
      new PutObjectCommand({ Bucket: names.albLogBucket, Key: key, Body: gzipSync(LINES.join('\n') + '\n') }),
    );
    const event = {
      Records: [{ s3: { bucket: { name: names.albLogBucket }, object: { key, eTag: put.ETag } } }],
    } as unknown as S3Event;
    await forwardS3Objects(event, clients.s3, {
      kinesis: clients.kinesis,
      streamName: names.stream,
      credential,
      now,
    });

    const result = await consumeRecords(await drainStream(checkpoints), {
      doc: clients.doc,
      inventoryTable: names.inventoryTable,
      resolveKey: createKeyResolver(clients.doc, names.inventoryTable, MASTER),
      quarantine: s3Quarantine(clients.s3, names.quarantineBucket),
      now,
      findingsTable: names.findingsTable,
      tenantConfig: cachedTenantConfig({ doc: clients.doc, tableName: names.inventoryTable }),
      geo: createGeoLookup(),
    });
    expect(result.batchItemFailures).toEqual([]);
    expect(result.stats.calls).toBe(14);
    expect(result.stats.quarantined).toBe(2);

    const stored = [
      ...(await partition(names.inventoryTable, tenant)),
      ...(await partition(names.findingsTable, tenant)),
      ...(await quarantineObjects(tenant)),
    ].join('\n');
    // The judgement is there...
    for (const expected of [
      'sensitive-data-in-url',
      'weak-auth',
      'credential-in-query',
      'custom:logins',
      'jwt',
      'email',
    ])
      expect(stored).toContain(expected);
    expect(stored).toContain('garbage'); // the quarantined lines are kept
    // ...and none of the values.
    for (const [name, value] of [...Object.entries(SECRETS), ...OTHER_FORMS.map((v) => [v, v] as const)])
      expect([name, stored.includes(value)]).toEqual([name, false]);
    for (const marker of ['/v1/ssn/{ssn}', '/v1/cards/{card}', '/v1/phones/{phone}', '/v1/keys/{aws-key}'])
      expect(stored).toContain(marker);
    expect(stored).not.toContain('jane.doe');
  });
});

async function partition(tableName: string, tenant: string): Promise<string[]> {
  const out = await clients.doc.send(
    new QueryCommand({
      TableName: tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': tenantScope(tenant) },
    }),
  );
  return (out.Items ?? []).map((item) => JSON.stringify(item));
}

async function quarantineObjects(tenant: string): Promise<string[]> {
  const listed = await clients.s3.send(
    new ListObjectsV2Command({ Bucket: names.quarantineBucket, Prefix: `quarantine/${tenant}/` }),
  );
  const bodies: string[] = [];
  for (const object of listed.Contents ?? []) {
    const got = await clients.s3.send(
      new GetObjectCommand({ Bucket: names.quarantineBucket, Key: object.Key! }),
    );
    bodies.push(await got.Body!.transformToString());
  }
  return bodies;
}
