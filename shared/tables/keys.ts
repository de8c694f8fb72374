/** Key builders for the inventory and findings tables; every key starts with the tenant scope. */

const TENANT_ID = /^[a-z0-9][a-z0-9-]{0,62}$/;

/** `TENANT#acme#`: the trailing `#` keeps `acme` from being a prefix of `acme-2`. */
export function tenantScope(tenant: string): string {
  if (!TENANT_ID.test(tenant)) throw new InvalidTenantIdError(tenant);
  return `TENANT#${tenant}#`;
}

export const inventoryKeys = {
  /** Everything a tenant has in the inventory lives in one partition, sorted by kind. */
  partition: (tenant: string) => tenantScope(tenant),
  host: (host: string) => `HOST#${host}`,
  /** Template before method, so every method of one template is one prefix query (for merges). */
  endpoint: (host: string, method: string, template: string) => `EP#${host}#${template}#${method}`,
  /** Prefix of every method of one template: `endpointTemplatePrefix('h', '/users/{id}')`. */
  endpointTemplatePrefix: (host: string, template: string) => `EP#${host}#${template}#`,
  /** Prefix that lists every endpoint of a tenant (or of one host with `endpointPrefix(host)`). */
  endpointPrefix: (host?: string) => (host === undefined ? 'EP#' : `EP#${host}#`),
  templateState: (host: string) => `TPL#${host}`,
  /** Marker of an ingested envelope, for source-level deduplication. */
  idempotency: (key: string) => `IDEM#${key}`,
  /** The tenant's risk-rules document (custom categories and settings). */
  riskRules: () => 'CONFIG#risk-rules',
  /** One uploaded OpenAPI document, by the name the tenant gave it. */
  spec: (name: string) => `SPEC#${name}`,
  specPrefix: () => 'SPEC#',
  /** The tenant's view of one of its ingest keys (no secret material): what `keys list` shows. */
  ingestKey: (keyId: string) => `INGESTKEY#${keyId}`,
  ingestKeyPrefix: () => 'INGESTKEY#',
  /** Counter of the key versions issued for one source, so rotations number themselves. */
  keySource: (source: string) => `KEYSOURCE#${source}`,
  /** A domain the tenant claimed for external scans, with its verification token. */
  domain: (domain: string) => `DOMAIN#${domain}`,
  domainPrefix: () => 'DOMAIN#',
  /** The tenant's scan settings (Log4Shell opt-in). */
  scanSettings: () => 'CONFIG#scans',
  /** One scan's report; sorted by start time so the latest is one reverse query away. */
  scan: (startedAt: string, scanId: string) => `SCAN#${startedAt}#${scanId}`,
  scanPrefix: () => 'SCAN#',
  /** One host's result within one scan. */
  scanHost: (scanId: string, host: string) => `SCANHOST#${scanId}#${host}`,
  scanHostPrefix: (scanId: string) => `SCANHOST#${scanId}#`,
  /** A host found by external discovery (source `external`), and an operation its exposed spec documents. */
  externalHost: (host: string) => `XHOST#${host}`,
  externalHostPrefix: () => 'XHOST#',
  externalEndpoint: (host: string, method: string, path: string) => `XEP#${host}#${path}#${method}`,
};

/** DNS names Surveyor's Log4Shell callback listener saw queried (outside every tenant's partition). */
export const callbackKeys = {
  partition: 'CALLBACK#',
  name: (name: string) => `NAME#${name}`,
};

/** The scheduled assessment's round-robin cursor (findings table), outside every tenant's partition. */
export const assessmentKeys = {
  partition: 'ASSESSMENT#',
  cursor: 'CURSOR',
};

/** The ingest-key registry: deliberately outside every tenant's partition. */
export const registryKeys = {
  partition: 'REGISTRY#',
  ingestKey: (keyId: string) => `INGESTKEY#${keyId}`,
};

/**
 * Per-tenant intake rate windows, in their own `RATE#` partitions so the intake's role can be
 * limited to them (IAM `dynamodb:LeadingKeys` `RATE#*`) and never touch an inventory.
 */
export const rateKeys = {
  partition: (tenant: string) => `RATE#${tenantScope(tenant).slice('TENANT#'.length)}`,
  window: (startIso: string) => `WINDOW#${startIso}`,
};

export const findingKeys = {
  partition: (tenant: string) => tenantScope(tenant),
  /** By the finding's id (a hash of tenant, type and subject): subjects can outgrow a sort key. */
  finding: (id: string) => `FINDING#${id}`,
  findingPrefix: () => 'FINDING#',
  byStatusPartition: (tenant: string, status: string) => `${tenantScope(tenant)}STATUS#${status}`,
};

export const alertKeys = {
  partition: (tenant: string) => tenantScope(tenant),
  integration: (id: string) => `INTEGRATION#${id}`,
  integrationPrefix: () => 'INTEGRATION#',
  /** One per (integration, event): the claim that makes a redelivered event a no-op. */
  delivery: (integrationId: string, eventId: string) => `DELIVERY#${integrationId}#${eventId}`,
  /** Deliveries given up, newest last: `DEADLETTER#<at>#<integration>#<event>`. */
  deadLetter: (at: string, integrationId: string, eventId: string) =>
    `DEADLETTER#${at}#${integrationId}#${eventId}`,
  deadLetterPrefix: () => 'DEADLETTER#',
  /** Individual finding messages sent to an integration in one window (the burst limit). */
  burst: (integrationId: string, window: number) => `BURST#${integrationId}#${window}`,
  /** A PagerDuty incident Surveyor triggered for a finding and has not resolved yet. */
  incident: (integrationId: string, findingId: string) => `INCIDENT#${integrationId}#${findingId}`,
};

export class InvalidTenantIdError extends Error {
  constructor(tenant: string) {
    super(`Invalid tenant id ${JSON.stringify(tenant)}: use 1-63 lower-case letters, digits or '-'`);
    this.name = 'InvalidTenantIdError';
  }
}
