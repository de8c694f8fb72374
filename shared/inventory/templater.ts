/**
 * Endpoint templating: turns concrete request paths into templates such as `/users/{id}/orders`,
 * learning per host from traffic alone. (First cut: identifiers only; structure learning follows.)
 */

/** A template the learner replaced by a more general one; aggregates keyed by `from` move to `to`. */
export interface Rewrite {
  readonly host: string;
  readonly from: string;
  readonly to: string;
}

/** Per-host corrections from users: pinned templates always win; splits forbid merging under a prefix. */
export interface TemplateRules {
  readonly pinned?: readonly string[];
  readonly neverMerge?: readonly string[];
}

const ID = /^(?:\d+|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

export class Templater {
  private rewrites: Rewrite[] = [];

  constructor(private readonly rulesByHost: ReadonlyMap<string, TemplateRules> = new Map()) {}

  /** `templateOf('api.example.com', 'GET', '/users/42')` → `/users/{id}`. */
  templateOf(_host: string, _method: string, path: string, declaredTemplate?: string): string {
    if (declaredTemplate !== undefined) return declaredTemplate;
    const segments = path.split('/').filter((s) => s.length > 0);
    return '/' + segments.map((s) => (ID.test(s) ? '{id}' : s)).join('/');
  }

  /** Rewrites decided since the last call; the caller moves its aggregates accordingly. */
  drainRewrites(): Rewrite[] {
    const out = this.rewrites;
    this.rewrites = [];
    return out;
  }
}
