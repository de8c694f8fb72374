/**
 * A tenant's alert integrations (Slack, PagerDuty, signed webhooks): the one module the CLI, the
 * portal and the notifier use. Destinations are checked and vetted before they are saved; secrets
 * (a Slack URL, webhook signing secrets, a PagerDuty routing key) are sealed and shown afterwards
 * only as hints.
 */
import { randomBytes } from 'node:crypto';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ALERT_EVENT_TYPES, type AlertEventType } from '#events/alert-event.schema';
import type { IntegrationInput, IntegrationType, IntegrationView } from '#events/integration.schema';
import { describeErrors, validateIntegrationInput } from '#events/validate';
import type { Severity } from '#shared/findings/catalogue';
import { queryPrefix } from '#shared/tables/query-prefix';
import { alertKeys } from '#shared/tables/keys';
import {
  checkDestination,
  destinationHint,
  PAGERDUTY_EVENTS_URL,
  UnsafeDestinationError,
  type DestinationPolicy,
} from './destination.ts';
import type { SecretSealer } from './secret-sealer.ts';
import { RefusedAddressError, type DestinationVetter } from './transport.ts';
import { newWebhookSecret } from './webhook-signature.ts';

export interface IntegrationStore {
  readonly doc: DynamoDBDocumentClient;
  readonly tableName: string;
  readonly sealer: SecretSealer;
}

export interface IntegrationSaving extends IntegrationStore {
  readonly policy: DestinationPolicy;
  /** Resolves the destination and refuses unsafe addresses (shared/net). */
  readonly vetter: DestinationVetter;
}

/** What the sealed blob holds. */
interface Secrets {
  readonly url: string;
  /** Webhooks: signing secrets, newest first (two during a rotation). */
  readonly secrets?: readonly string[];
  readonly routingKey?: string;
}

/** An integration with its secrets opened, for sending. */
export interface ActiveIntegration extends IntegrationView, Secrets {}

/** Default subscription: every event type, findings of medium severity and above. */
export const DEFAULT_EVENTS: readonly AlertEventType[] = ALERT_EVENT_TYPES;
export const DEFAULT_MIN_SEVERITY: Severity = 'medium';

export class InvalidIntegrationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidIntegrationError';
  }
}

export class IntegrationNotFoundError extends Error {
  constructor(id: string) {
    super(`No integration ${id}`);
    this.name = 'IntegrationNotFoundError';
  }
}

const hint = (secret: string) => `…${secret.slice(-4)}`;
const key = (tenant: string, id: string) => ({
  pk: alertKeys.partition(tenant),
  sk: alertKeys.integration(id),
});

/**
 * Validates, checks and vets the destination, seals the secrets and stores the integration. Returns
 * the view and, for a webhook whose secret was generated, that secret (shown this once).
 * Throws `InvalidIntegrationError` or `UnsafeDestinationError`.
 */
export async function addIntegration(
  store: IntegrationSaving,
  tenant: string,
  input: unknown,
  now: Date,
): Promise<{ integration: IntegrationView; generatedSecret?: string }> {
  if (!validateIntegrationInput(input))
    throw new InvalidIntegrationError(describeErrors(validateIntegrationInput));
  const secrets = secretsOf(input);
  const url = checkDestination(input.type, secrets.url, store.policy);
  try {
    await store.vetter(url);
  } catch (error) {
    if (error instanceof RefusedAddressError)
      throw new UnsafeDestinationError(error.message, { cause: error });
    throw error;
  }
  const id = `int_${randomBytes(8).toString('hex')}`;
  const integration: IntegrationView = {
    id,
    tenant,
    type: input.type,
    ...(input.name !== undefined && { name: input.name }),
    destination: destinationHint(url),
    ...(input.type !== 'slack' && {
      secretHints: (secrets.secrets ?? [secrets.routingKey!]).map(hint),
    }),
    minSeverity: input.minSeverity ?? DEFAULT_MIN_SEVERITY,
    events: input.events ?? [...DEFAULT_EVENTS],
    status: 'active',
    createdAt: now.toISOString(),
  };
  const sealed = await store.sealer.seal(JSON.stringify({ ...secrets, url: url.href }), {
    tenant,
    integration: id,
  });
  await store.doc.send(
    new PutCommand({
      TableName: store.tableName,
      Item: { ...key(tenant, id), kind: 'integration', ...integration, sealed },
      ConditionExpression: 'attribute_not_exists(pk)',
    }),
  );
  const generated = input.type === 'webhook' && input.secret === undefined ? secrets.secrets![0] : undefined;
  return { integration, ...(generated !== undefined && { generatedSecret: generated }) };
}

function secretsOf(input: IntegrationInput): Secrets {
  const type: IntegrationType = input.type;
  const misplaced = (flag: string, owner: string) =>
    new InvalidIntegrationError(`${flag} is for ${owner} integrations only`);
  if (input.secret !== undefined && type !== 'webhook') throw misplaced('a signing secret', 'webhook');
  if (input.routingKey !== undefined && type !== 'pagerduty') throw misplaced('a routing key', 'pagerduty');
  if (type === 'pagerduty') {
    if (input.routingKey === undefined)
      throw new InvalidIntegrationError('a pagerduty integration needs its routing key (32 characters)');
    return { url: input.url ?? PAGERDUTY_EVENTS_URL, routingKey: input.routingKey };
  }
  if (input.url === undefined) throw new InvalidIntegrationError(`a ${type} integration needs a URL`);
  return type === 'webhook'
    ? { url: input.url, secrets: [input.secret ?? newWebhookSecret()] }
    : { url: input.url };
}

/** The tenant's integrations as they may be shown (no secrets). */
export async function listIntegrations(
  store: Omit<IntegrationStore, 'sealer'>,
  tenant: string,
): Promise<IntegrationView[]> {
  const items = await queryPrefix(store.doc, store.tableName, tenant, alertKeys.integrationPrefix());
  return items.map(toView).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

/** The tenant's active integrations with their secrets opened, for sending. */
export async function loadActiveIntegrations(
  store: IntegrationStore,
  tenant: string,
): Promise<ActiveIntegration[]> {
  const items = await queryPrefix(store.doc, store.tableName, tenant, alertKeys.integrationPrefix());
  const active = items.filter((item) => item.status === 'active');
  return Promise.all(active.map((item) => open(store, item)));
}

/** One integration with its secrets opened (for `integrations test`), or `IntegrationNotFoundError`. */
export async function loadIntegration(
  store: IntegrationStore,
  tenant: string,
  id: string,
): Promise<ActiveIntegration> {
  const items = await queryPrefix(store.doc, store.tableName, tenant, alertKeys.integration(id));
  const item = items.find((i) => i.id === id);
  if (item === undefined) throw new IntegrationNotFoundError(id);
  return open(store, item);
}

async function open(store: IntegrationStore, item: Record<string, unknown>): Promise<ActiveIntegration> {
  const view = toView(item);
  const plain = await store.sealer.open(item.sealed as string, { tenant: view.tenant, integration: view.id });
  return { ...view, ...(JSON.parse(plain) as Secrets) };
}

export async function removeIntegration(
  store: Omit<IntegrationStore, 'sealer'>,
  tenant: string,
  id: string,
): Promise<void> {
  try {
    await store.doc.send(
      new DeleteCommand({
        TableName: store.tableName,
        Key: key(tenant, id),
        ConditionExpression: 'attribute_exists(pk)',
      }),
    );
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) throw new IntegrationNotFoundError(id);
    throw error;
  }
}

/** Stops sending to an integration (a 410 answer), saying why; `list` shows it. */
export async function disableIntegration(
  store: Omit<IntegrationStore, 'sealer'>,
  tenant: string,
  id: string,
  reason: string,
): Promise<void> {
  try {
    await store.doc.send(
      new UpdateCommand({
        TableName: store.tableName,
        Key: key(tenant, id),
        UpdateExpression: 'SET #status = :disabled, disabledReason = :reason',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':disabled': 'disabled', ':reason': reason },
      }),
    );
  } catch (error) {
    // Removed meanwhile: nothing left to disable.
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
  }
}

/**
 * Starts a signing-secret rotation: the new secret signs alongside the previous one (two signatures
 * per message) until the next rotation drops the older. Returns the new secret (shown once).
 */
export async function rotateWebhookSecret(
  store: IntegrationStore,
  tenant: string,
  id: string,
  secret: string = newWebhookSecret(),
): Promise<string> {
  if (!validateIntegrationInput({ type: 'webhook', secret }))
    throw new InvalidIntegrationError(describeErrors(validateIntegrationInput));
  const current = await loadIntegration(store, tenant, id);
  if (current.type !== 'webhook')
    throw new InvalidIntegrationError('only webhook integrations have signing secrets');
  const secrets = [secret, current.secrets![0]!];
  const sealed = await store.sealer.seal(JSON.stringify({ url: current.url, secrets }), {
    tenant,
    integration: id,
  });
  await store.doc.send(
    new UpdateCommand({
      TableName: store.tableName,
      Key: key(tenant, id),
      UpdateExpression: 'SET sealed = :sealed, secretHints = :hints',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeValues: { ':sealed': sealed, ':hints': secrets.map(hint) },
    }),
  );
  return secret;
}

function toView(item: Record<string, unknown>): IntegrationView {
  const { pk: _pk, sk: _sk, kind: _kind, sealed: _sealed, ...view } = item;
  return view as IntegrationView;
}
