/**
 * OpenAPI/Swagger documents at well-known paths, counted only when they validate as OpenAPI: a page
 * that merely mentions "swagger" is not a spec. Its operations join the inventory as externally
 * documented.
 */
import { loadSpec } from '#shared/openapi/load-spec';
import type { SpecModel } from '#shared/openapi/spec-model';
import type { HttpResponse } from '#shared/net/http-request';

export const SPEC_PATHS = [
  '/openapi.json',
  '/openapi.yaml',
  '/swagger.json',
  '/v2/api-docs',
  '/v3/api-docs',
  '/api-docs',
  '/swagger/v1/swagger.json',
  '/api/openapi.json',
];

/** The validated spec in the body, or undefined. */
export async function specIn(response: HttpResponse, path: string): Promise<SpecModel | undefined> {
  if (response.status !== 200 || response.truncated) return undefined;
  const text = response.body.toString('utf8');
  if (!/"?(?:openapi|swagger)"?\s*:/.test(text.slice(0, 4096))) return undefined;
  try {
    return await loadSpec(text, path);
  } catch {
    return undefined;
  }
}
