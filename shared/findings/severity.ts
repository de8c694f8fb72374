/** Finding severities, most severe first: shared by the runtime and external catalogues. */
export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];
