/** How a scan behaves: safety switches, trust, timeouts, clock. Built once per scan and passed down. */
import type { LookupAddresses } from '#shared/net/resolve';
import type { EnvironmentClassifier } from '#shared/classify/environment';
import type { VettedAgent } from '#shared/net/vetted-agent';
import type { RateLimiter } from './rate-limit.ts';

/** Surveyor's Log4Shell callback listener, as the scanner sees it. */
export interface Log4ShellCanary {
  /** The DNS zone the listener is authoritative for, e.g. `cb.surveyor.example`. */
  readonly zone: string;
  /** How long a query may take to reach the listener's record; the check's default when unset. */
  readonly waitMs?: number;
  /** True once a query for `name` has arrived, waiting at most `waitMs`. */
  waitFor(name: string, waitMs: number): Promise<boolean>;
}

export interface ScanSettings {
  /** Loopback targets (the local estate, tests) only when set. */
  readonly allowLoopback: boolean;
  /** Extra trusted roots (PEM), beside Node's bundled public roots. */
  readonly extraCa: readonly string[];
  readonly lookup?: LookupAddresses;
  readonly connectTimeoutMs: number;
  readonly requestTimeoutMs: number;
  readonly userAgent: string;
  readonly now: () => Date;
  readonly environment: EnvironmentClassifier;
  /** Log4Shell checks run only when the tenant opted in and a callback listener is up. */
  readonly log4shell?: Log4ShellCanary;
  /** Keep-alive pool for one host's probes (set by `scanHost`). */
  readonly agent?: VettedAgent;
  /** Requests per second across the whole scan (shared by every host). */
  readonly globalRate?: RateLimiter;
  /** Requests per second to one host (set by `scanHost`, within the global limit). */
  readonly rate?: RateLimiter;
}

export const SCANNER_USER_AGENT =
  'Surveyor-Scanner/0.1 (external API discovery of domains whose owner verified them with Surveyor)';
