/** What a scan works on and produces; these shapes cross Step Functions states, so they stay JSON. */
import type { ExternalFindingType } from '#shared/findings/catalogue-external';
import type { Severity } from '#shared/findings/catalogue';

/** One host to check: the name (SNI, Host, certificates), the vetted address to dial, the ports. */
export interface HostTarget {
  readonly host: string;
  readonly address: string;
  readonly ports: readonly number[];
}

/** What a scan can find: the external types and, from the host name, `non-production-host`. */
export type ScanFindingType = ExternalFindingType | 'non-production-host';

/** A finding as the CLI prints it and the scan records it. Evidence holds facts, never secrets. */
export interface ExternalFinding {
  readonly type: ScanFindingType;
  readonly severity: Severity;
  readonly host: string;
  readonly port: number;
  readonly evidence: Readonly<Record<string, string | number | boolean | readonly string[]>>;
  /** What within (host, port) the finding is about, e.g. a path; part of the finding's identity. */
  readonly path?: string;
}

/** An open port and what answers on it. */
export interface ServiceResult {
  readonly port: number;
  readonly scheme: 'https' | 'http';
  readonly api: boolean;
  readonly tlsProtocol?: string;
  readonly server?: string;
}

/** Operations of an exposed spec, joined to the inventory as externally documented. */
export interface DocumentedOperation {
  readonly method: string;
  readonly path: string;
}

export interface HostResult {
  readonly host: string;
  readonly address: string;
  readonly environment: string;
  readonly services: readonly ServiceResult[];
  readonly findings: readonly ExternalFinding[];
  readonly operations: readonly DocumentedOperation[];
  /** Set when the host could not be checked at all (the scan goes on without it). */
  readonly error?: string;
}
