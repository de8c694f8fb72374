/**
 * Per-host templating state in the inventory table (`TPL#<host>`): the learned structure, and what
 * makes a batch's effect idempotent whatever happens to templates between attempts (see
 * apply-host-calls.ts and docs/ARCHITECTURE.md "Exactly-once effect"):
 * - `through`: per shard, the highest sequence number whose calls this structure has already
 *   templated. A redelivered call at or below it is mapped with this very structure, not re-learned.
 * - `pending`: template moves the last commit decided and may not have finished.
 * - `openShard`/`openedAt`: a commit whose writes are not all done yet; another shard does not
 *   change the host's templates meanwhile (unless the commit is older than the lease).
 * Every change is a conditional write on `ver`, so two writers never overwrite each other.
 */
import { GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  Templater,
  type Rewrite,
  type TemplateRules,
  type TemplateStateJson,
} from '#shared/inventory/templater';
import { inventoryKeys } from '#shared/tables/keys';

const EMPTY_STRUCTURE: TemplateStateJson = { n: '' };

export interface HostTemplateState {
  readonly tenant: string;
  readonly host: string;
  readonly templater: Templater;
  /** 0 when nothing was ever saved. */
  readonly version: number;
  /** Shard id -> highest sortable sequence number templated with this structure. */
  readonly through: Readonly<Record<string, string>>;
  readonly pending: readonly Rewrite[];
  readonly open: { readonly shard: string; readonly at: number } | undefined;
}

export interface HostStateStore {
  load(tenant: string, host: string): Promise<HostTemplateState>;
  /**
   * Saves the structure the templater now holds with `through[shard] = sequence`, the moves still to
   * do, and the commit marked open. Throws TemplateStateConflictError if anyone saved since `state`
   * was loaded; returns the new version.
   */
  commit(
    state: HostTemplateState,
    shard: string,
    sequence: string,
    pending: readonly Rewrite[],
    now: Date,
  ): Promise<number>;
  /** Marks the commit at `version` done (moves finished, every write applied); a no-op if it moved on. */
  complete(state: Pick<HostTemplateState, 'tenant' | 'host'>, version: number): Promise<void>;
}

export function hostStateStore(
  doc: DynamoDBDocumentClient,
  tableName: string,
  rules?: (tenant: string, host: string) => TemplateRules | undefined,
): HostStateStore {
  const key = (tenant: string, host: string) => ({
    pk: inventoryKeys.partition(tenant),
    sk: inventoryKeys.templateState(host),
  });
  return {
    async load(tenant, host) {
      const result = await doc.send(
        new GetCommand({ TableName: tableName, Key: key(tenant, host), ConsistentRead: true }),
      );
      const item = result.Item;
      const hostRules = rules?.(tenant, host);
      const templater = new Templater(hostRules === undefined ? undefined : new Map([[host, hostRules]]));
      if (typeof item?.state === 'string' && item.state !== '')
        templater.importState(host, JSON.parse(item.state) as TemplateStateJson);
      return {
        tenant,
        host,
        templater,
        version: (item?.ver as number | undefined) ?? 0,
        through: (item?.through as Record<string, string> | undefined) ?? {},
        pending: (item?.pending as Rewrite[] | undefined) ?? [],
        open:
          typeof item?.openShard === 'string'
            ? { shard: item.openShard, at: Date.parse(item.openedAt as string) }
            : undefined,
      };
    },
    async commit(state, shard, sequence, pending, now) {
      const exported = state.templater.exportState(state.host);
      const version = state.version + 1;
      try {
        await doc.send(
          new PutCommand({
            TableName: tableName,
            Item: {
              ...key(state.tenant, state.host),
              kind: 'template-state',
              host: state.host,
              // A host seen only with declared templates has no learned structure: an empty root.
              state: JSON.stringify(exported ?? EMPTY_STRUCTURE),
              ver: version,
              through: { ...state.through, [shard]: sequence },
              pending: pending.map(({ host, from, to }) => ({ host, from, to })),
              openShard: shard,
              openedAt: now.toISOString(),
              updatedAt: now.toISOString(),
            },
            ConditionExpression: state.version === 0 ? 'attribute_not_exists(ver)' : 'ver = :v',
            ExpressionAttributeValues: state.version === 0 ? undefined : { ':v': state.version },
          }),
        );
        return version;
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException)
          throw new TemplateStateConflictError(state.host, { cause: error });
        throw error;
      }
    },
    async complete(state, version) {
      try {
        await doc.send(
          new UpdateCommand({
            TableName: tableName,
            Key: key(state.tenant, state.host),
            UpdateExpression: 'SET ver = :next REMOVE pending, openShard, openedAt',
            ConditionExpression: 'ver = :v',
            ExpressionAttributeValues: { ':v': version, ':next': version + 1 },
          }),
        );
      } catch (error) {
        // Someone took the host over after the lease: their commit supersedes ours.
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
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

/** Another shard's commit on this host is still open: this shard's calls of the host wait for it. */
export class HostBusyError extends Error {
  constructor(host: string, shard: string) {
    super(`Templating state of ${host} is being committed by ${shard}; the records will be retried`);
    this.name = 'HostBusyError';
  }
}
