import type { FindingType, Severity } from './catalogue.ts';

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
