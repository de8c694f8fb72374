/** Clients and tables the portal's server code shares, made once per process (or Lambda container). */
import type { AccountsTable } from '#shared/accounts/accounts-table';
import { destinationVetter, vettedTransport } from '#shared/alerts/vetted-net';
import { documentClient } from '#shared/aws/clients';
import { jsonInvoker } from '#shared/aws/invoke-function';
import type { IngestKeyRequest } from '#events/ingest-key-request.schema';
import type { InvokeOnboarding, ManageKeysResult } from '#shared/onboarding/manage-ingest-keys';
import { HANDLER_ENV } from '#shared/resources/handler-env';
import type { TenantDataDeps } from '#shared/tenancy/tenant-data';
import { portalEnv } from './portal-env.ts';

import type { OnboardingDeps } from '#shared/onboarding/ingest-keys';

export interface ServerDeps {
  readonly accounts: AccountsTable;
  readonly data: TenantDataDeps;
  /** Local mode: the portal issues ingest keys itself; undefined where the onboarding function does. */
  readonly onboarding: Omit<OnboardingDeps, 'doc' | 'table' | 'now'> | undefined;
  /** AWS mode: asks the onboarding function, which alone holds the master secret and writes the registry. */
  readonly invokeOnboarding: InvokeOnboarding | undefined;
}

let deps: ServerDeps | undefined;

export function serverDeps(): ServerDeps {
  if (deps !== undefined) return deps;
  const env = portalEnv();
  const doc = documentClient();
  const now = () => new Date();
  const onboarding = env.onboarding;
  const alerts = env.alerts;
  deps = {
    accounts: { doc, tableName: env.accountsTable, now },
    data: {
      doc,
      inventoryTable: env.inventoryTable,
      findingsTable: env.findingsTable,
      now,
      ...(alerts !== undefined && {
        alerts: {
          alertsTable: alerts.table,
          sealer: alerts.sealer,
          policy: alerts.policy,
          vetter: destinationVetter(alerts.policy),
          transport: vettedTransport(alerts.policy),
          portalUrl: alerts.portalUrl,
        },
      }),
    },
    onboarding:
      onboarding === undefined
        ? undefined
        : {
            masterSecret: onboarding.masterSecret,
            intakeUrl: onboarding.intakeUrl,
            forwarder:
              onboarding.templateUrl === undefined
                ? undefined
                : {
                    templateUrl: onboarding.templateUrl,
                    region: env.region,
                    artifactBucket: process.env[HANDLER_ENV.forwarderArtifactBucket] ?? '',
                    artifactKey: process.env[HANDLER_ENV.forwarderArtifactKey] ?? '',
                  },
          },
    invokeOnboarding:
      env.onboardingFunction === undefined
        ? undefined
        : jsonInvoker<IngestKeyRequest, ManageKeysResult>(env.onboardingFunction),
  };
  return deps;
}
