/**
 * A finding's lifecycle as pure functions: stable ids, folding a new observation into the stored
 * finding (open, refresh, reopen, escalate) and people's status changes with who and why.
 */
import { createHash } from 'node:crypto';
import type { Finding, FindingStatus } from '#events/finding.schema';
import type { FindingCandidate } from './candidate.ts';
import { severityRank } from './catalogue.ts';

/** Who the pipeline signs its own status changes as. */
export const SYSTEM_ACTOR = 'surveyor';

/** How many audit-trail entries a finding keeps (the oldest go first), so an item stays small. */
export const HISTORY_LIMIT = 100;

type HistoryEntry = NonNullable<Finding['history']>[number];

/** `finding` with `entry` appended to its audit trail. */
function withHistory(finding: Finding, entry: HistoryEntry): Finding {
  return { ...finding, history: [...(finding.history ?? []), entry].slice(-HISTORY_LIMIT) };
}

/**
 * Stable finding id: the same tenant, type and subject always give the same 32 hex characters.
 * @example findingId('acme', 'shadow-endpoint', 'api.example.com GET /debug')
 */
export function findingId(tenant: string, type: string, subject: string): string {
  // NUL separators: no (tenant, type, subject) split can collide with another.
  return createHash('sha256').update(`${tenant}\0${type}\0${subject}`).digest('hex').slice(0, 32);
}

export interface ObserveContext {
  readonly tenant: string;
  /** ISO time of this evaluation; used where the candidate carries no times. */
  readonly now: string;
}

/**
 * Folds a new observation into the stored finding (or creates it). New findings open; a resolved
 * finding with new occurrences after it was resolved reopens; acknowledged and suppressed ones keep
 * their status and only get fresher evidence.
 */
export function observe(
  existing: Finding | undefined,
  candidate: FindingCandidate,
  ctx: ObserveContext,
): Finding {
  const firstSeen = candidate.firstSeen ?? ctx.now;
  const lastSeen = candidate.lastSeen ?? ctx.now;
  const base = {
    id: findingId(ctx.tenant, candidate.type, candidate.subject),
    tenant: ctx.tenant,
    type: candidate.type,
    severity: candidate.severity,
    host: candidate.host,
    subject: candidate.subject,
    evidence: { ...candidate.evidence } as Finding['evidence'],
    ...(candidate.method !== undefined && { method: candidate.method }),
    ...(candidate.path !== undefined && { path: candidate.path }),
    ...(candidate.category !== undefined && { category: candidate.category }),
    ...(candidate.description !== undefined && { description: candidate.description }),
  };
  if (existing === undefined) {
    return {
      ...base,
      firstSeen,
      lastSeen,
      occurrences: candidate.occurrences ?? 1,
      status: 'open',
      statusBy: SYSTEM_ACTOR,
      statusAt: ctx.now,
      statusReason: 'detected',
      history: [{ at: ctx.now, by: SYSTEM_ACTOR, to: 'open', reason: 'detected' }],
    };
  }
  let merged: Finding = {
    ...existing,
    ...base,
    firstSeen: earlier(existing.firstSeen, firstSeen),
    lastSeen: later(existing.lastSeen, lastSeen),
    // Candidates carry cumulative counts; without one, this run is one more sighting.
    occurrences: candidate.occurrences ?? existing.occurrences + 1,
  };
  // Re-evaluating old data must not undo a fix: only new occurrences after the resolution reopen it
  // (an endpoint still called, but no longer with the problem, stays resolved).
  const recurred = candidate.occurrences === undefined || candidate.occurrences > existing.occurrences;
  if (severityRank(merged.severity) < severityRank(existing.severity)) {
    merged = withHistory(merged, {
      at: ctx.now,
      by: SYSTEM_ACTOR,
      from: existing.status,
      to: existing.status,
      reason: `escalated: severity ${existing.severity} to ${merged.severity}`,
    });
  }
  if (existing.status === 'resolved' && recurred && Date.parse(lastSeen) > Date.parse(existing.statusAt)) {
    const reason = 'reopened: seen again after it was resolved';
    return withHistory(
      { ...merged, status: 'open', statusBy: SYSTEM_ACTOR, statusAt: ctx.now, statusReason: reason },
      { at: ctx.now, by: SYSTEM_ACTOR, from: 'resolved', to: 'open', reason },
    );
  }
  return merged;
}

export type FindingAction = 'acknowledge' | 'resolve' | 'suppress' | 'reopen';

const TARGET: Readonly<Record<FindingAction, FindingStatus>> = {
  acknowledge: 'acknowledged',
  resolve: 'resolved',
  suppress: 'suppressed',
  reopen: 'open',
};

const ALLOWED_FROM: Readonly<Record<FindingAction, readonly FindingStatus[]>> = {
  acknowledge: ['open'],
  resolve: ['open', 'acknowledged'],
  suppress: ['open', 'acknowledged', 'resolved'],
  reopen: ['acknowledged', 'resolved', 'suppressed'],
};

export interface TransitionInput {
  readonly by: string;
  readonly reason: string;
  readonly at: string;
}

/**
 * A person's status change. Every change names who and why, because auditors ask both.
 * @example transition(finding, 'suppress', { by: 'alice', reason: 'public status page', at: now })
 */
export function transition(finding: Finding, action: FindingAction, input: TransitionInput): Finding {
  if (input.by.trim() === '') throw new FindingTransitionError(`${action} needs who does it (by)`);
  if (input.reason.trim() === '') throw new FindingTransitionError(`${action} needs a reason`);
  if (!ALLOWED_FROM[action].includes(finding.status)) {
    throw new FindingTransitionError(`cannot ${action} a finding that is ${finding.status}`);
  }
  return withHistory(
    {
      ...finding,
      status: TARGET[action],
      statusBy: input.by,
      statusAt: input.at,
      statusReason: input.reason,
    },
    { at: input.at, by: input.by, from: finding.status, to: TARGET[action], reason: input.reason },
  );
}

export class FindingTransitionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FindingTransitionError';
  }
}

function earlier(a: string, b: string): string {
  return Date.parse(b) < Date.parse(a) ? b : a;
}

function later(a: string, b: string): string {
  return Date.parse(b) > Date.parse(a) ? b : a;
}
