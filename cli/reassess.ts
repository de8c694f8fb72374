/** After a spec or rules upload: the tenant-wide assessment, so the upload shows its effect at once. */
import type { TenantData } from '#shared/tenancy/tenant-data';

export async function reassess(data: TenantData): Promise<void> {
  const result = await data.config.reassess();
  process.stderr.write(
    `${result.current} findings now (${result.written} written, ${result.resolved} resolved as no longer shown)\n`,
  );
}
