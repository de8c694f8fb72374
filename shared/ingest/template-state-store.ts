/**
 * Per-host templating state in the inventory table (`TPL#<host>`), loaded before a batch and saved
 * after it with an optimistic version check, so concurrent shards never overwrite each other's merges.
 */
import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { Templater, type TemplateRules, type TemplateStateJson } from '#shared/inventory/templater';
import { inventoryKeys } from '#shared/tables/keys';

export interface TenantTemplater {
  readonly templater: Templater;
  /** Loads the saved structure of `host` once per batch. */
  load(host: string): Promise<void>;
  /** Saves every loaded host whose structure changed; throws TemplateStateConflictError on a race. */
  save(now: string): Promise<void>;
}

export function tenantTemplater(
  doc: DynamoDBDocumentClient,
  tableName: string,
  tenant: string,
  rules?: ReadonlyMap<string, TemplateRules>,
): TenantTemplater {
  const templater = new Templater(rules);
  const loaded = new Map<string, { version: number; json: string }>();
  const key = (host: string) => ({
    pk: inventoryKeys.partition(tenant),
    sk: inventoryKeys.templateState(host),
  });
  return {
    templater,
    async load(host) {
      if (loaded.has(host)) return;
      const result = await doc.send(
        new GetCommand({ TableName: tableName, Key: key(host), ConsistentRead: true }),
      );
      const item = result.Item;
      if (item !== undefined)
        templater.importState(host, JSON.parse(item.state as string) as TemplateStateJson);
      loaded.set(host, {
        version: (item?.ver as number | undefined) ?? 0,
        json: (item?.state as string) ?? '',
      });
    },
    async save(now) {
      for (const [host, before] of loaded) {
        const state = templater.exportState(host);
        const json = state === undefined ? '' : JSON.stringify(state);
        if (json === before.json || json === '') continue;
        try {
          await doc.send(
            new PutCommand({
              TableName: tableName,
              Item: {
                ...key(host),
                kind: 'template-state',
                host,
                state: json,
                ver: before.version + 1,
                updatedAt: now,
              },
              ConditionExpression: before.version === 0 ? 'attribute_not_exists(ver)' : 'ver = :v',
              ExpressionAttributeValues: before.version === 0 ? undefined : { ':v': before.version },
            }),
          );
        } catch (error) {
          if (error instanceof ConditionalCheckFailedException)
            throw new TemplateStateConflictError(host, { cause: error });
          throw error;
        }
      }
    },
  };
}

export class TemplateStateConflictError extends Error {
  constructor(host: string, options?: ErrorOptions) {
    super(`Templating state of ${host} changed concurrently; the batch will be retried`, options);
    this.name = 'TemplateStateConflictError';
  }
}
