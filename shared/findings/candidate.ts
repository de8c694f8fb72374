/**
 * The vocabulary every evaluator speaks: a finding candidate (before the lifecycle stores it) and
 * the one builder of endpoint-level candidates.
 */
import { CATALOGUE, type BuiltInFindingType, type FindingType, type Severity } from './catalogue.ts';
import type { EndpointFacts } from './endpoint-facts.ts';

/** Evidence values: counts, flags, names. Never a secret value: evaluators put names and counts only. */
export type EvidenceValue = string | number | boolean | readonly string[];
export type Evidence = Readonly<Record<string, EvidenceValue>>;

/**
 * What an evaluator reports before the lifecycle turns it into a stored finding. `subject` identifies
 * what the finding is about within its type (`api.example.com POST /users/{id}`); with the tenant and
 * type it makes the finding id, so it must not contain anything that changes between runs.
 */
export interface FindingCandidate {
  readonly type: FindingType;
  readonly severity: Severity;
  readonly subject: string;
  readonly host: string;
  readonly method?: string;
  readonly path?: string;
  readonly evidence: Evidence;
  readonly firstSeen?: string;
  readonly lastSeen?: string;
  /** Calls that showed the problem so far (cumulative, not since the last run). */
  readonly occurrences?: number;
  /** Custom rules: the rule's category and description, shown instead of a catalogue entry. */
  readonly category?: string;
  readonly description?: string;
}

/** The usual subject of an endpoint-level finding: `endpointSubject('h', 'GET', '/a') === 'h GET /a'`. */
export function endpointSubject(host: string, method: string, path: string): string {
  return `${host} ${method} ${path}`;
}

/** What a candidate needs of its endpoint: identity and when it was seen. */
export type CandidateEndpoint = Pick<
  EndpointFacts,
  'host' | 'method' | 'path' | 'calls' | 'firstSeen' | 'lastSeen'
>;

/**
 * The one builder of endpoint-level candidates. A built-in type takes its severity from the
 * catalogue; a custom rule passes its own with its category and description. `occurrences` counts
 * the calls (or sources) that show the problem, not all calls of the endpoint: a resolved finding
 * reopens only when it grows (see lifecycle.ts). Unknown: all calls.
 * @example candidate('weak-auth', endpoint, { reasons: ['basic'] }, basicCalls)
 */
export function candidate(
  type: FindingType,
  endpoint: CandidateEndpoint,
  evidence: Evidence,
  occurrences: number | undefined = endpoint.calls,
  custom?: { severity: Severity; category: string; description?: string },
): FindingCandidate {
  return {
    type,
    severity: custom?.severity ?? CATALOGUE[type as BuiltInFindingType].severity,
    subject: endpointSubject(endpoint.host, endpoint.method, endpoint.path),
    host: endpoint.host,
    method: endpoint.method,
    path: endpoint.path,
    ...(custom !== undefined && { category: custom.category }),
    ...(custom?.description !== undefined && { description: custom.description }),
    evidence,
    firstSeen: endpoint.firstSeen,
    lastSeen: endpoint.lastSeen,
    occurrences: occurrences ?? endpoint.calls,
  };
}
