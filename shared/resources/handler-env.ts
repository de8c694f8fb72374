/**
 * The environment variables Lambda handlers read, named once: functions/ read them at cold start,
 * infra/ sets them in AWS and local/ sets them against the loopback servers. A secret `X` is read
 * from Secrets Manager through `X_ARN` in AWS, or from `X` itself locally (see readSecret).
 */
export const HANDLER_ENV = {
  inventoryTable: 'INVENTORY_TABLE',
  findingsTable: 'FINDINGS_TABLE',
  quarantineBucket: 'QUARANTINE_BUCKET',
  /** Secret: the key registry's master secret (consumer). */
  masterSecret: 'INGEST_MASTER_SECRET',
  /** Where the packaged geo databases are; unset locally (they come from the npm packages). */
  geoDataDir: 'GEO_DATA_DIR',
  ingestStreamName: 'INGEST_STREAM_NAME',
  ingestStreamArn: 'INGEST_STREAM_ARN',
  /** Secret: the forwarder's ingest credential, `keyId:secret` or the secret with INGEST_KEY_ID. */
  ingestCredential: 'INGEST_CREDENTIAL',
  ingestKeyId: 'INGEST_KEY_ID',
  ingestRoleArn: 'INGEST_ROLE_ARN',
  ingestExternalId: 'INGEST_EXTERNAL_ID',
  /** The intake's per-tenant quota (intake-logs); defaults in shared/intake/rate-limit.ts. */
  intakeRequestsPerMinute: 'INTAKE_TENANT_REQUESTS_PER_MINUTE',
  intakeLinesPerMinute: 'INTAKE_TENANT_LINES_PER_MINUTE',
  /** Milliseconds one tenant may take in one scheduled assessment run (assess-tenants). */
  assessmentTenantBudgetMs: 'ASSESSMENT_TENANT_BUDGET_MS',
  /** The public intake URL: onboarding hands it out, forwarders post to it. */
  intakeUrl: 'INTAKE_URL',
  /** Secret: a forwarder's ingest key (`ik_x.secret`), sent as `Authorization: Bearer`. */
  ingestKey: 'INGEST_KEY',
  /** A published forwarder release, for onboarding's quick-create link (optional). */
  forwarderTemplateUrl: 'FORWARDER_TEMPLATE_URL',
  forwarderArtifactBucket: 'FORWARDER_ARTIFACT_BUCKET',
  forwarderArtifactKey: 'FORWARDER_ARTIFACT_KEY',
  /** The portal's accounts table (users, memberships, invites, API tokens). */
  accountsTable: 'ACCOUNTS_TABLE',
  /** The alerts table (integrations, delivery records, dead letters). */
  alertsTable: 'ALERTS_TABLE',
  /** AWS: the KMS key integration secrets are sealed with. */
  alertsKmsKey: 'ALERTS_KMS_KEY_ARN',
  /** Local mode: a base64 32-byte AES key instead of KMS. */
  alertsLocalKey: 'ALERTS_LOCAL_KEY',
  /** `true` in local mode only: plain-http loopback destinations (a developer's receiver, the sink). */
  alertsAllowLoopback: 'ALERTS_ALLOW_LOOPBACK',
  /** Individual finding messages per integration per minute before folding into digests. */
  alertsBurstLimit: 'ALERTS_BURST_LIMIT',
  /** Where alert messages link findings: `${PORTAL_URL}/findings/<id>`. */
  portalUrl: 'PORTAL_URL',
  // External scans (shared/scans/scan-env.ts reads them).
  /** Comma-separated `ip[:port]` DNS servers; empty: the system resolver. */
  scanDnsServers: 'SCAN_DNS_SERVERS',
  /** `true` only in the local stack (the demo estate lives on loopback). */
  scanAllowLoopback: 'SCAN_ALLOW_LOOPBACK',
  /** PEM file of extra trusted roots (the demo CA locally). */
  scanExtraCaFile: 'SCAN_EXTRA_CA_FILE',
  /** Comma-separated ports to probe; default: the common API ports. */
  scanPorts: 'SCAN_PORTS',
  /** JSON file `{ "<domain>": ["name", ...] }`: the certificate-transparency source; unset: off. */
  scanCertificateNamesFile: 'SCAN_CERTIFICATE_NAMES_FILE',
  /** A crt.sh-compatible certificate search (`https://crt.sh`); unset (and no file): off. */
  scanCertificateNamesUrl: 'SCAN_CERTIFICATE_NAMES_URL',
  /** Zone of Surveyor's Log4Shell callback listener; unset: Log4Shell checks off. */
  scanCallbackZone: 'SCAN_CALLBACK_ZONE',
  /** How long a Log4Shell check waits for its callback to be recorded (ms); unset: 1.5 s (local). */
  scanCallbackWaitMs: 'SCAN_CALLBACK_WAIT_MS',
  /** EventBridge Scheduler group, role and target of the per-tenant schedules; unset: none made. */
  scanScheduleGroup: 'SCAN_SCHEDULE_GROUP',
  scanScheduleRoleArn: 'SCAN_SCHEDULE_ROLE_ARN',
  scanStateMachineArn: 'SCAN_STATE_MACHINE_ARN',
} as const;

/** `secretArnVariable(HANDLER_ENV.masterSecret) === 'INGEST_MASTER_SECRET_ARN'`: what AWS sets. */
export function secretArnVariable(name: string): string {
  return `${name}_ARN`;
}

/**
 * The portal's variables (web/lib/portal-env.ts reads them, infra/saas/portal-hosting.ts and
 * local/stack/portal.ts set them). Secrets follow the same `_ARN` rule as HANDLER_ENV's.
 */
export const PORTAL_ENV = {
  /** Secret: signs and encrypts the session cookie. */
  sessionSecret: 'NEXTAUTH_SECRET',
  /** The portal's public URL, when known at deploy time (a custom domain). */
  url: 'NEXTAUTH_URL',
  /** `true` behind CloudFront without a custom domain: the URL comes from x-forwarded-host, which CloudFront sets. */
  trustHost: 'AUTH_TRUST_HOST',
  /** OIDC sign-in (AWS mode); unset issuer: e-mail and password accounts. */
  oidcIssuer: 'OIDC_ISSUER',
  oidcClientId: 'OIDC_CLIENT_ID',
  /** Secret: the OIDC client's secret. */
  oidcClientSecret: 'OIDC_CLIENT_SECRET',
  /** Secret: the header value CloudFront adds to every origin request (web/lambda/function-url-bridge.ts). */
  originVerify: 'PORTAL_ORIGIN_VERIFY',
  /** AWS: the onboarding function (manage-ingest-keys) the portal invokes to issue ingest keys. */
  onboardingFunction: 'ONBOARDING_FUNCTION_NAME',
} as const;

/** The header CloudFront adds to every portal origin request; its value is the PORTAL_ORIGIN_VERIFY secret. */
export const PORTAL_ORIGIN_VERIFY_HEADER = 'x-surveyor-origin-verify';
