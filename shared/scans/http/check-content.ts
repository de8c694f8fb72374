/** The content checks of one HTTP(S) service: exposed secret files, exposed specs, API signs. */
import type { SpecModel } from '#shared/openapi/spec-model';
import type { DocumentedOperation, ExternalFinding } from '../scan-types.ts';
import { externalFinding } from '../external-finding.ts';
import { mapLimit } from '../map-limit.ts';
import type { ScanSettings } from '../scan-settings.ts';
import { apiSigns } from './api-detect.ts';
import { specIn, SPEC_PATHS } from './api-specs.ts';
import { fetchPath, type Service } from './fetch-path.ts';
import { secretContent, SECRET_FILE_PROBES } from './secret-files.ts';
import { looksLikeBaseline, takeBaseline } from './soft-404.ts';

export interface ContentResult {
  readonly answered: boolean;
  readonly api: boolean;
  readonly redirectsToHttps: boolean;
  readonly server?: string;
  readonly findings: readonly ExternalFinding[];
  readonly operations: readonly DocumentedOperation[];
}

export const PROBE_CONCURRENCY = 3;

export async function checkContent(service: Service, settings: ScanSettings): Promise<ContentResult> {
  const root = await fetchPath(service, '/', settings).catch(() => undefined);
  if (root === undefined)
    return { answered: false, api: false, redirectsToHttps: false, findings: [], operations: [] };
  const location = String(root.headers.location ?? '');
  const redirectsToHttps = root.status >= 300 && root.status < 400 && location.startsWith('https:');
  const baseline = await takeBaseline(service, settings);
  const findings: ExternalFinding[] = [];
  const signs = new Set(apiSigns(root));
  const secrets = await mapLimit(SECRET_FILE_PROBES, PROBE_CONCURRENCY, async ({ path, kind }) => {
    const response = await fetchPath(service, path, settings).catch(() => undefined);
    if (response === undefined || response.status !== 200 || looksLikeBaseline(baseline, path, response))
      return undefined;
    const found = secretContent(kind, response);
    return found === undefined ? undefined : { path, kind: found, bytes: response.body.length };
  });
  for (const hit of secrets) {
    if (hit !== undefined)
      findings.push(externalFinding('exposed-secret-file', service.host, service.port, hit, hit.path));
  }
  const specs = await mapLimit(SPEC_PATHS, PROBE_CONCURRENCY, async (path) => {
    const response = await fetchPath(service, path, settings).catch(() => undefined);
    if (response === undefined || looksLikeBaseline(baseline, path, response)) return undefined;
    const spec = await specIn(response, path);
    return spec === undefined ? undefined : { path, spec };
  });
  const operations: DocumentedOperation[] = [];
  const seenSpecs = new Set<string>();
  for (const hit of specs) {
    if (hit === undefined) continue;
    const key = `${hit.spec.title}@${hit.spec.version}#${hit.spec.operations.length}`;
    if (seenSpecs.has(key)) continue; // the same document at two paths is one exposure
    seenSpecs.add(key);
    signs.add('openapi');
    findings.push(
      externalFinding(
        'exposed-api-spec',
        service.host,
        service.port,
        specEvidence(hit.path, hit.spec),
        hit.path,
      ),
    );
    operations.push(...documentedOperations(hit.spec));
  }
  const api = signs.size > 0;
  if (api) {
    findings.push(
      externalFinding('api-server-detected', service.host, service.port, {
        signs: [...signs],
        status: root.status,
      }),
    );
  }
  const server = root.headers.server;
  return {
    answered: true,
    api,
    redirectsToHttps,
    ...(server !== undefined && { server: String(server) }),
    findings,
    operations,
  };
}

function specEvidence(path: string, spec: SpecModel) {
  return {
    path,
    title: spec.title,
    version: spec.version,
    openapi: spec.openapi,
    operations: spec.operations.length,
  };
}

function documentedOperations(spec: SpecModel): DocumentedOperation[] {
  const bases = spec.basePaths.length === 0 ? [''] : spec.basePaths;
  return spec.operations.flatMap((op) =>
    bases.map((base) => ({ method: op.method, path: `${base}${op.path}` })),
  );
}
