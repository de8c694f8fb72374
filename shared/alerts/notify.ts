/**
 * Sends one tenant's alert events to its integrations: each integration gets the events it
 * subscribes to (type, least severity) that it has not been sent before; beyond the burst limit,
 * finding events fold into one `finding.digest`; PagerDuty resolves go only to incidents Surveyor
 * triggered. Each send is claimed first (no duplicate on redelivery), retried by `deliver`, and
 * recorded; a send given up becomes a dead letter, and a 410 disables the integration.
 */
import { severityRank } from '#shared/findings/catalogue';
import { digestEvent, type PlannedEvent } from './alert-events.ts';
import { takeIndividualSlots, type BurstLimit } from './burst-limit.ts';
import { deliver, type DeliveryOptions, type DeliveryOutcome } from './deliver.ts';
import {
  claimDelivery,
  completeDelivery,
  handledEvents,
  markDigested,
  recordDeadLetter,
  type AlertsTable,
} from './delivery-records.ts';
import { disableIntegration, type ActiveIntegration } from './integrations.ts';
import { forgetIncident, hasOpenIncident, rememberIncident } from './pagerduty-incidents.ts';

export interface NotifyDeps extends Omit<DeliveryOptions, 'deadline'> {
  readonly table: AlertsTable;
  /** The tenant's active integrations, secrets opened (cached by the caller). */
  readonly integrations: ((tenant: string) => Promise<readonly ActiveIntegration[]>) & {
    /** Told when an integration changed here (disabled), so the next batch reloads. */
    readonly forget?: (tenant: string) => void;
  };
  /** Epoch ms after which no new attempt starts. */
  readonly deadline: number;
  /** Epoch ms until which a claim holds: the invocation's end. */
  readonly leaseUntil: number;
  readonly burst?: BurstLimit;
  readonly log?: (message: string, details: Record<string, unknown>) => void;
}

export interface NotifyStats {
  delivered: number;
  failed: number;
  digests: number;
  folded: number;
  /** Already handled (a redelivery) or nothing to resolve. */
  skipped: number;
}

export function emptyStats(): NotifyStats {
  return { delivered: 0, failed: 0, digests: 0, folded: 0, skipped: 0 };
}

/** `await notifyTenant('acme', events, deps)`; events in the order they happened. */
export async function notifyTenant(
  tenant: string,
  events: readonly PlannedEvent[],
  deps: NotifyDeps,
  stats: NotifyStats = emptyStats(),
): Promise<NotifyStats> {
  if (events.length === 0) return stats;
  const integrations = await deps.integrations(tenant);
  await Promise.all(
    integrations.map((integration) => notifyIntegration(tenant, integration, events, deps, stats)),
  );
  return stats;
}

export function subscribes(integration: ActiveIntegration, event: PlannedEvent): boolean {
  if (!(integration.events as readonly string[]).includes(event.type)) return false;
  return (
    event.severity === undefined || severityRank(event.severity) <= severityRank(integration.minSeverity)
  );
}

async function notifyIntegration(
  tenant: string,
  integration: ActiveIntegration,
  events: readonly PlannedEvent[],
  deps: NotifyDeps,
  stats: NotifyStats,
): Promise<void> {
  const { table } = deps;
  const wanted = events.filter((e) => subscribes(integration, e));
  const handled = await handledEvents(
    table,
    tenant,
    integration.id,
    wanted.map((e) => e.id),
    deps.now(),
  );
  const fresh = wanted.filter((e) => !handled.has(e.id));
  stats.skipped += wanted.length - fresh.length;

  const foldable: PlannedEvent[] = [];
  const resolves = new Set<PlannedEvent>();
  for (const e of fresh) {
    if (e.type === 'endpoint.discovered') continue;
    if (integration.type === 'pagerduty' && e.type === 'finding.resolved') {
      if (await hasOpenIncident(table, tenant, integration.id, e.finding!.id)) resolves.add(e);
      else stats.skipped++;
    } else foldable.push(e);
  }
  const slots = await takeIndividualSlots(
    table,
    tenant,
    integration.id,
    foldable.length,
    deps.now(),
    deps.burst,
  );
  const individual = new Set(foldable.slice(0, slots));
  const folded = foldable.slice(slots);
  const sends = fresh.filter((e) => e.type === 'endpoint.discovered' || individual.has(e) || resolves.has(e));

  let disabled = false;
  for (const event of sends) {
    if (disabled) break; // later events stay unsent: the receiver asked us to stop
    disabled = await sendOne(tenant, integration, event, deps, stats);
  }
  if (folded.length === 0) return;
  stats.folded += folded.length;
  const digest = digestEvent(integration.id, folded, deps.now().toISOString());
  if (!disabled && (integration.events as readonly string[]).includes('finding.digest')) {
    await sendOne(tenant, integration, digest, deps, stats);
    stats.digests++;
  }
  await markDigested(
    table,
    tenant,
    integration.id,
    folded.map((e) => e.id),
    digest.id,
    deps.now(),
  );
}

/** Claims, sends and records one event; true when the integration got disabled. */
async function sendOne(
  tenant: string,
  integration: ActiveIntegration,
  event: PlannedEvent,
  deps: NotifyDeps,
  stats: NotifyStats,
): Promise<boolean> {
  const { table } = deps;
  if (!(await claimDelivery(table, tenant, integration.id, event.id, deps.now(), deps.leaseUntil))) {
    stats.skipped++;
    return false;
  }
  const outcome: DeliveryOutcome = await deliver(integration, event, deps);
  await completeDelivery(table, tenant, integration.id, event.id, outcome, deps.now());
  if (outcome.kind === 'delivered') {
    stats.delivered++;
    if (integration.type === 'pagerduty' && event.finding !== undefined) {
      if (event.type === 'finding.resolved')
        await forgetIncident(table, tenant, integration.id, event.finding.id);
      else await rememberIncident(table, tenant, integration.id, event.finding.id, deps.now());
    }
    return false;
  }
  stats.failed++;
  const at = deps.now().toISOString();
  await recordDeadLetter(
    table,
    tenant,
    {
      at,
      integrationId: integration.id,
      eventId: event.id,
      type: event.type,
      reason: outcome.reason,
      attempts: outcome.attempts,
      ...(outcome.status !== undefined && { status: outcome.status }),
      event: event.body,
    },
    deps.now(),
  );
  deps.log?.('alert dead-lettered', {
    tenant,
    integration: integration.id,
    event: event.id,
    type: event.type,
    reason: outcome.reason,
  });
  if (outcome.disable) {
    await disableIntegration(table, tenant, integration.id, outcome.reason);
    deps.integrations.forget?.(tenant);
  }
  return outcome.disable;
}
