/**
 * State that outlives a batch: which tenants await a whole-tenant assessment and when each last had
 * one. The consumer's handler keeps one per container; the clock is injected so tests can move time.
 */
export interface AssessmentScheduleOptions {
  /** Least time between two whole-tenant assessments of one tenant (default one minute). */
  readonly intervalMs?: number;
  readonly clock?: () => number;
}

export class TenantAssessmentSchedule {
  readonly #pending = new Set<string>();
  readonly #lastStarted = new Map<string, number>();
  readonly #intervalMs: number;
  readonly #clock: () => number;

  constructor(options: AssessmentScheduleOptions = {}) {
    this.#intervalMs = options.intervalMs ?? 60_000;
    this.#clock = options.clock ?? Date.now;
  }

  /** The tenant's inventory changed in a way only a whole-tenant assessment can judge. */
  request(tenant: string): void {
    this.#pending.add(tenant);
  }

  /**
   * True when the tenant awaits an assessment and its interval has passed; the start is recorded,
   * so a tenant whose ids leak into new endpoints on every batch is not re-read on every batch.
   */
  startIfDue(tenant: string): boolean {
    if (!this.#pending.has(tenant)) return false;
    const now = this.#clock();
    if (now - (this.#lastStarted.get(tenant) ?? -Infinity) < this.#intervalMs) return false;
    this.#lastStarted.set(tenant, now);
    return true;
  }

  /** The assessment succeeded; a failed one stays pending for the next batch. */
  finished(tenant: string): void {
    this.#pending.delete(tenant);
  }
}
