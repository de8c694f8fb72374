/**
 * What a tenant configures for judging its traffic: one risk-rules document (custom categories and
 * settings) and any number of OpenAPI documents. Stored in the tenant's inventory partition, validated
 * before they are stored, so the pipeline can trust what it loads.
 */
import { DeleteCommand, GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { TenantSettings } from '#events/risk-rules.schema';
import { loadRiskDocument, type CompiledRule } from '#shared/rules/load-rules';
import { loadSpec } from '#shared/openapi/load-spec';
import type { SpecModel } from '#shared/openapi/spec-model';
import { inventoryKeys } from '#shared/tables/keys';
import { queryPrefix } from '#shared/tables/query-prefix';

export interface TenantConfig {
  readonly rules: readonly CompiledRule[];
  readonly settings: TenantSettings;
  readonly specs: readonly SpecModel[];
}

export const EMPTY_CONFIG: TenantConfig = { rules: [], settings: {}, specs: [] };

const SPEC_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

export interface ConfigTable {
  readonly doc: DynamoDBDocumentClient;
  readonly tableName: string;
}

/** Validates (throws `RulesValidationError` with located problems) and stores the rules document. */
export async function putRiskRules(
  { doc, tableName }: ConfigTable,
  tenant: string,
  text: string,
  source = 'rules',
): Promise<void> {
  loadRiskDocument(text, source);
  await doc.send(
    new PutCommand({
      TableName: tableName,
      Item: {
        pk: inventoryKeys.partition(tenant),
        sk: inventoryKeys.riskRules(),
        kind: 'risk-rules',
        source,
        text,
        updatedAt: new Date().toISOString(),
      },
    }),
  );
}

/**
 * Validates an OpenAPI document (throws `SpecValidationError` with located problems) and stores
 * what conformance needs of it under `name`, replacing an earlier upload of the same name.
 */
export async function putSpec(
  { doc, tableName }: ConfigTable,
  tenant: string,
  name: string,
  text: string,
): Promise<SpecModel> {
  if (!SPEC_NAME.test(name)) throw new InvalidSpecNameError(name);
  const model = await loadSpec(text, name);
  await doc.send(
    new PutCommand({
      TableName: tableName,
      Item: {
        pk: inventoryKeys.partition(tenant),
        sk: inventoryKeys.spec(name),
        kind: 'spec',
        name,
        model: JSON.stringify(model),
        updatedAt: new Date().toISOString(),
      },
    }),
  );
  return model;
}

export async function deleteSpec(
  { doc, tableName }: ConfigTable,
  tenant: string,
  name: string,
): Promise<void> {
  await doc.send(
    new DeleteCommand({
      TableName: tableName,
      Key: { pk: inventoryKeys.partition(tenant), sk: inventoryKeys.spec(name) },
    }),
  );
}

/** An uploaded spec as listed (portal, API): its name and what it documents, not its text. */
export interface StoredSpec {
  readonly name: string;
  readonly title: string;
  readonly version: string;
  readonly openapi: SpecModel['openapi'];
  /** Hosts it covers; empty: any host it is attached to. */
  readonly hosts: readonly string[];
  readonly operations: number;
  readonly updatedAt: string;
}

/** The tenant's uploaded specs by name. */
export async function listSpecs({ doc, tableName }: ConfigTable, tenant: string): Promise<StoredSpec[]> {
  const items = await queryPrefix(doc, tableName, tenant, inventoryKeys.specPrefix());
  return items
    .filter((i) => i.kind === 'spec')
    .map((i) => {
      const model = JSON.parse(i.model as string) as SpecModel;
      return {
        name: i.name as string,
        title: model.title,
        version: model.version,
        openapi: model.openapi,
        hosts: model.hosts,
        operations: model.operations.length,
        updatedAt: i.updatedAt as string,
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** One uploaded spec's model by name (the policy export of methods one spec does not document). */
export async function loadSpecModel(
  { doc, tableName }: ConfigTable,
  tenant: string,
  name: string,
): Promise<SpecModel | undefined> {
  const { Item } = await doc.send(
    new GetCommand({
      TableName: tableName,
      Key: { pk: inventoryKeys.partition(tenant), sk: inventoryKeys.spec(name) },
    }),
  );
  return Item?.kind === 'spec' ? (JSON.parse(Item.model as string) as SpecModel) : undefined;
}

/** The stored risk-rules document as the tenant wrote it (the rules editor's text), if any. */
export async function readRiskRules(
  { doc, tableName }: ConfigTable,
  tenant: string,
): Promise<{ text: string; source: string; updatedAt: string } | undefined> {
  const item = (await queryPrefix(doc, tableName, tenant, 'CONFIG#')).find((i) => i.kind === 'risk-rules');
  return item === undefined
    ? undefined
    : { text: item.text as string, source: item.source as string, updatedAt: item.updatedAt as string };
}

/** The tenant's rules, settings and specs; empty when it configured nothing. */
export async function loadTenantConfig(
  { doc, tableName }: ConfigTable,
  tenant: string,
): Promise<TenantConfig> {
  const items = [
    ...(await queryPrefix(doc, tableName, tenant, 'CONFIG#')),
    ...(await queryPrefix(doc, tableName, tenant, inventoryKeys.specPrefix())),
  ];
  const rulesItem = items.find((i) => i.kind === 'risk-rules');
  const risk =
    rulesItem === undefined
      ? { rules: [], settings: {} }
      : loadRiskDocument(rulesItem.text as string, rulesItem.source as string);
  const specs = items.filter((i) => i.kind === 'spec').map((i) => JSON.parse(i.model as string) as SpecModel);
  return { ...risk, specs };
}

/**
 * Per-tenant configuration with a short cache: a Lambda container reads it at most once per `ttlMs`,
 * so an upload takes effect within that time without a read per batch.
 */
export function cachedTenantConfig(
  table: ConfigTable,
  ttlMs = 60_000,
  now: () => number = Date.now,
): (tenant: string) => Promise<TenantConfig> {
  const cache = new Map<string, { at: number; config: Promise<TenantConfig> }>();
  return (tenant) => {
    const hit = cache.get(tenant);
    if (hit !== undefined && now() - hit.at < ttlMs) return hit.config;
    const config = loadTenantConfig(table, tenant);
    cache.set(tenant, { at: now(), config });
    // A failed read is not cached: the next batch tries again.
    config.catch(() => cache.delete(tenant));
    return config;
  };
}

export class InvalidSpecNameError extends Error {
  constructor(name: string) {
    super(`Invalid spec name ${JSON.stringify(name)}: use letters, digits, '.', '_' or '-' (up to 128)`);
    this.name = 'InvalidSpecNameError';
  }
}
