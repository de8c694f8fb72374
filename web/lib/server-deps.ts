/** Clients and tables the portal's server code shares, made once per process (or Lambda container). */
import type { AccountsTable } from '#shared/accounts/accounts-table';
import { documentClient } from '#shared/aws/clients';
import { HANDLER_ENV } from '#shared/resources/handler-env';
import type { TenantDataDeps } from '#shared/tenancy/tenant-data';
import { portalEnv } from './portal-env.ts';

let deps: { accounts: AccountsTable; data: TenantDataDeps } | undefined;

export function serverDeps(): { accounts: AccountsTable; data: TenantDataDeps } {
  if (deps !== undefined) return deps;
  const env = portalEnv();
  const doc = documentClient();
  const now = () => new Date();
  const onboarding = env.onboarding;
  deps = {
    accounts: { doc, tableName: env.accountsTable, now },
    data: {
      doc,
      inventoryTable: env.inventoryTable,
      findingsTable: env.findingsTable,
      now,
      ...(onboarding !== undefined && {
        onboarding: {
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
      }),
    },
  };
  return deps;
}
