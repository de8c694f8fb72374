/**
 * The portal's configuration, read once at start-up and validated (a missing variable fails loudly
 * at the first request, not halfway through one). Local mode: e-mail and password accounts; AWS
 * mode: an OIDC provider (Cognito or any other) set by OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET.
 */
import { readAlertsConfig, type AlertsConfig } from '#shared/alerts/alerts-config';
import { requireEnv } from '#shared/aws/clients';
import { HANDLER_ENV, PORTAL_ENV } from '#shared/resources/handler-env';

export interface PortalEnv {
  readonly inventoryTable: string;
  readonly findingsTable: string;
  readonly accountsTable: string;
  readonly auth:
    { mode: 'password' } | { mode: 'oidc'; issuer: string; clientId: string; clientSecret: string };
  /** Local mode only: the portal issues ingest keys itself (in AWS the onboarding function does). */
  readonly onboarding: { masterSecret: string; intakeUrl: string; templateUrl?: string } | undefined;
  /** AWS mode: the onboarding function the portal asks for keys (it holds the master secret). */
  readonly onboardingFunction: string | undefined;
  /**
   * Alert integrations (the integrations page): the notifier's own configuration, so the portal seals
   * with the same key (KMS in AWS, the local key locally) and vets destinations by the same policy.
   * Undefined without ALERTS_TABLE (the page then says integrations are not configured).
   */
  readonly alerts: AlertsConfig | undefined;
  readonly region: string;
}

let cached: PortalEnv | undefined;

/** The configuration of this process, read on first use. */
export function portalEnv(): PortalEnv {
  cached ??= readPortalEnv(process.env);
  return cached;
}

export function readPortalEnv(env: NodeJS.ProcessEnv): PortalEnv {
  requireEnv(env, PORTAL_ENV.sessionSecret);
  const issuer = env[PORTAL_ENV.oidcIssuer];
  const masterSecret = env[HANDLER_ENV.masterSecret];
  return {
    inventoryTable: requireEnv(env, HANDLER_ENV.inventoryTable),
    findingsTable: requireEnv(env, HANDLER_ENV.findingsTable),
    accountsTable: requireEnv(env, HANDLER_ENV.accountsTable),
    auth:
      issuer === undefined || issuer === ''
        ? { mode: 'password' }
        : {
            mode: 'oidc',
            issuer,
            clientId: requireEnv(env, PORTAL_ENV.oidcClientId),
            clientSecret: requireEnv(env, PORTAL_ENV.oidcClientSecret),
          },
    onboarding:
      masterSecret === undefined || masterSecret === ''
        ? undefined
        : {
            masterSecret,
            intakeUrl: requireEnv(env, HANDLER_ENV.intakeUrl),
            ...(env[HANDLER_ENV.forwarderTemplateUrl] && {
              templateUrl: env[HANDLER_ENV.forwarderTemplateUrl],
            }),
          },
    onboardingFunction: env[PORTAL_ENV.onboardingFunction] || undefined,
    alerts:
      env[HANDLER_ENV.alertsTable] === undefined || env[HANDLER_ENV.alertsTable] === ''
        ? undefined
        : // Test messages link to this portal unless PORTAL_URL names another origin.
          readAlertsConfig({
            ...env,
            [HANDLER_ENV.portalUrl]: env[HANDLER_ENV.portalUrl] || env.NEXTAUTH_URL,
          }),
    region: env.AWS_REGION ?? 'us-east-1',
  };
}
