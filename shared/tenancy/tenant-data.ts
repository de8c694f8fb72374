/**
 * The tenant-scoped data access module: the one way the portal, the API and the CLI reach a
 * tenant's inventory, findings and configuration. It takes a tenant that an authenticator vouched
 * for (a session, an API token, the local operator) and binds every store to it, so no caller can
 * pass a tenant id from a URL, a body or a log line.
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { IntegrationView } from '#events/integration.schema';
import type { DeliveryOutcome } from '#shared/alerts/deliver';
import { listDeadLetters, type DeadLetter } from '#shared/alerts/delivery-records';
import type { DestinationPolicy } from '#shared/alerts/destination';
import {
  addIntegration,
  listIntegrations,
  loadIntegration,
  removeIntegration,
  rotateWebhookSecret,
} from '#shared/alerts/integrations';
import type { SecretSealer } from '#shared/alerts/secret-sealer';
import { sendTestEvent } from '#shared/alerts/test-event';
import type { DestinationVetter, Transport } from '#shared/alerts/transport';
import type { EndpointSummary } from '#events/endpoint-summary.schema';
import type { Finding, FindingStatus } from '#events/finding.schema';
import type { SpecModel } from '#shared/openapi/spec-model';
import { assessTenant, type AssessTenantResult } from '#shared/findings/assess-tenant';
import type { FindingAction } from '#shared/findings/lifecycle';
import { changeFindingStatus, getFinding, listFindings } from '#shared/findings/store';
import { readInventory } from '#shared/inventory/store/read-inventory';
import { tenantScope } from '#shared/tables/keys';
import { listFindingPage, type FindingPage, type FindingQuery } from './findings-pages.ts';
import {
  getEndpoint,
  listEndpointPage,
  type EndpointDetail,
  type EndpointPage,
  type EndpointQuery,
} from './inventory-pages.ts';
import { conformanceByHost, type HostConformance } from '#shared/findings/conformance-by-host';
import {
  deleteSpec,
  listSpecs,
  loadSpecModel,
  loadTenantConfig,
  putRiskRules,
  putSpec,
  readRiskRules,
  type StoredSpec,
  type TenantConfig,
} from './tenant-config.ts';

declare const vouched: unique symbol;

/** A tenant id an authenticator vouched for, and who acts (`alice@example.com`, `local-cli`). */
export interface AuthenticatedTenant {
  readonly tenantId: string;
  readonly actor: string;
  readonly [vouched]: true;
}

/**
 * Only authenticators call this, after checking a credential (session membership, hashed API
 * token, the local operator): `authenticatedTenant('acme', 'alice@example.com')`.
 */
export function authenticatedTenant(tenantId: string, actor: string): AuthenticatedTenant {
  tenantScope(tenantId); // throws InvalidTenantIdError
  return { tenantId, actor } as AuthenticatedTenant;
}

export interface TenantDataDeps {
  readonly doc: DynamoDBDocumentClient;
  readonly inventoryTable: string;
  readonly findingsTable: string;
  readonly now?: () => Date;
  /** Alert integrations; without it `integrations` throws AlertsNotConfiguredError. */
  readonly alerts?: TenantAlertsDeps;
}

/** What managing alert integrations needs (AWS: KMS sealer, https only; local: local key, loopback). */
export interface TenantAlertsDeps {
  readonly alertsTable: string;
  readonly sealer: SecretSealer;
  readonly policy: DestinationPolicy;
  readonly vetter: DestinationVetter;
  readonly transport: Transport;
  /** Where test messages link: the portal's origin. */
  readonly portalUrl: string;
}

export class AlertsNotConfiguredError extends Error {
  constructor() {
    super('Alert integrations are not configured here');
    this.name = 'AlertsNotConfiguredError';
  }
}

export interface TenantData {
  readonly tenantId: string;
  readonly inventory: {
    /** Every endpoint, in the shape `surveyor analyze --json` prints. */
    list(): Promise<EndpointSummary[]>;
    /** One page in sort-key order (host, template, method), with filters: the portal's and the API's list. */
    page(query: EndpointQuery): Promise<EndpointPage>;
    /** undefined for an unknown id, including another tenant's. */
    get(id: string): Promise<EndpointDetail | undefined>;
  };
  readonly findings: {
    list(status?: FindingStatus): Promise<Finding[]>;
    /** One page, by status (most recently seen first) or all, with type and severity filters. */
    page(query: FindingQuery): Promise<FindingPage>;
    /** undefined for an unknown id, including another tenant's. */
    get(id: string): Promise<Finding | undefined>;
    /** A status change by the authenticated actor, with why. */
    changeStatus(id: string, action: FindingAction, reason: string): Promise<Finding>;
  };
  readonly config: {
    load(): Promise<TenantConfig>;
    putRules(text: string, source?: string): Promise<void>;
    putSpec(name: string, text: string): Promise<SpecModel>;
    deleteSpec(name: string): Promise<void>;
    /** Uploaded specs by name (what they document, not their text). */
    specs(): Promise<StoredSpec[]>;
    /** One uploaded spec's model; undefined for a name the tenant has not uploaded. */
    spec(name: string): Promise<SpecModel | undefined>;
    /** The rules document as written, for the rules editor; undefined before the first save. */
    rules(): Promise<{ text: string; source: string; updatedAt: string } | undefined>;
    /** Per host: endpoints documented, shadow, method-not-in-spec and zombie against the specs. */
    conformance(): Promise<HostConformance[]>;
    /** The tenant-wide assessment, so an upload shows its effect at once. */
    reassess(): Promise<AssessTenantResult>;
  };
  /** Alert integrations (the portal's integrations page and `surveyor integrations`). */
  readonly integrations: {
    /** Secrets only as hints. */
    list(): Promise<IntegrationView[]>;
    /** Validates, checks the destination, seals secrets; a generated webhook secret is returned once. */
    add(input: unknown): Promise<{ integration: IntegrationView; generatedSecret?: string }>;
    remove(id: string): Promise<void>;
    /** "Send test": a sample finding.opened marked `data.test`, and how the destination answered. */
    sendTest(id: string): Promise<DeliveryOutcome>;
    /** A new webhook signing secret (returned once); the previous one signs too until the next rotation. */
    rotateSecret(id: string, secret?: string): Promise<string>;
    /** Deliveries given up, with their reason. */
    deadLetters(): Promise<DeadLetter[]>;
  };
}

/** `tenantData(authenticatedTenant('acme', 'alice'), tables).findings.list('open')` */
export function tenantData(tenant: AuthenticatedTenant, deps: TenantDataDeps): TenantData {
  const id = tenant.tenantId;
  const now = deps.now ?? (() => new Date());
  const configTable = { doc: deps.doc, tableName: deps.inventoryTable };
  const findingsTable = { doc: deps.doc, tableName: deps.findingsTable };
  return {
    tenantId: id,
    inventory: {
      list: () => readInventory(deps.doc, deps.inventoryTable, id),
      page: (query) => listEndpointPage(deps.doc, deps.inventoryTable, id, query),
      get: (endpointId) => getEndpoint(deps.doc, deps.inventoryTable, id, endpointId),
    },
    findings: {
      list: (status) => listFindings(findingsTable, id, status),
      page: (query) => listFindingPage(deps.doc, deps.findingsTable, id, query),
      get: (findingId) => getFinding(findingsTable, id, findingId),
      changeStatus: (findingId, action, reason) =>
        changeFindingStatus(findingsTable, id, findingId, action, {
          by: tenant.actor,
          reason,
          at: now().toISOString(),
        }),
    },
    config: {
      load: () => loadTenantConfig(configTable, id),
      putRules: (text, source) => putRiskRules(configTable, id, text, source),
      putSpec: (name, text) => putSpec(configTable, id, name, text),
      deleteSpec: (name) => deleteSpec(configTable, id, name),
      specs: () => listSpecs(configTable, id),
      spec: (name) => loadSpecModel(configTable, id, name),
      rules: () => readRiskRules(configTable, id),
      conformance: async () => {
        const [endpoints, config] = await Promise.all([
          readInventory(deps.doc, deps.inventoryTable, id),
          loadTenantConfig(configTable, id),
        ]);
        return conformanceByHost(endpoints, config.specs);
      },
      reassess: async () =>
        assessTenant(deps, id, await loadTenantConfig(configTable, id), now().toISOString()),
    },
    integrations: tenantIntegrations(id, deps, now),
  };
}

function tenantIntegrations(id: string, deps: TenantDataDeps, now: () => Date): TenantData['integrations'] {
  const alerts = (): TenantAlertsDeps => {
    if (deps.alerts === undefined) throw new AlertsNotConfiguredError();
    return deps.alerts;
  };
  const store = () => ({ doc: deps.doc, tableName: alerts().alertsTable, sealer: alerts().sealer });
  return {
    list: () => listIntegrations(store(), id),
    add: (input) => addIntegration({ ...store(), ...alerts() }, id, input, now()),
    remove: (integrationId) => removeIntegration(store(), id, integrationId),
    sendTest: async (integrationId) =>
      sendTestEvent(await loadIntegration(store(), id, integrationId), alerts().portalUrl, {
        transport: alerts().transport,
        policy: alerts().policy,
        now,
        sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
        random: Math.random,
        deadline: now().getTime() + 30_000,
      }),
    rotateSecret: (integrationId, secret) => rotateWebhookSecret(store(), id, integrationId, secret),
    deadLetters: () => listDeadLetters(store(), id),
  };
}
