/**
 * Values of Azure parameters that span several segments (`{scope}`, `{resourceUri}`, a fully
 * qualified `{roleAssignmentId}`), shaped as Azure Resource Manager clients send them: a
 * subscription, a resource group, a resource or a management group, slashes raw, no leading slash.
 * A pool's values share a few subscriptions and resource groups, as one tenant's calls do.
 */
import type { PathParam } from './openapi-specs.ts';
import { intBetween, pick, type Rng } from './random.ts';

/** Common ARM resource types (provider namespace and type), what scopes usually point at. */
const RESOURCE_TYPES = [
  'Microsoft.Compute/virtualMachines',
  'Microsoft.Storage/storageAccounts',
  'Microsoft.Web/sites',
  'Microsoft.Network/virtualNetworks',
  'Microsoft.Sql/servers',
  'Microsoft.KeyVault/vaults',
  'Microsoft.ContainerService/managedClusters',
  'Microsoft.Insights/components',
] as const;

/** Fully qualified ids name their own type: `roleAssignmentId` -> `.../roleAssignments/<uuid>`. */
const ID_TYPES: readonly (readonly [RegExp, string])[] = [
  [/^(role|policy|deny)(assignment|definition)id$/i, 'Microsoft.Authorization'],
  [/^roleid$/i, 'Microsoft.Authorization'],
  [/^application(definition)?id$/i, 'Microsoft.Solutions'],
  [/^linkid$/i, 'Microsoft.Resources'],
];

/** `count` distinct resource paths for `param` (`subscriptions/<uuid>/resourceGroups/rg-web`). */
export function resourcePaths(
  param: PathParam,
  count: number,
  rng: Rng,
  uuid: (rng: Rng) => string,
  name: (rng: Rng) => string,
): string[] {
  const subscriptions = Array.from({ length: intBetween(rng, 1, 3) }, () => uuid(rng));
  const groups = Array.from({ length: intBetween(rng, 1, 6) }, () => name(rng));
  const scope = (): string => {
    const subscription = `subscriptions/${pick(rng, subscriptions)}`;
    const group = `${subscription}/resourceGroups/${pick(rng, groups)}`;
    const roll = rng();
    if (roll < 0.2) return subscription;
    if (roll < 0.5) return group;
    if (roll < 0.95) return `${group}/providers/${pick(rng, RESOURCE_TYPES)}/${name(rng)}`;
    return `providers/Microsoft.Management/managementGroups/${name(rng)}`;
  };
  const value = valueShape(param, scope, rng, uuid, name);
  const out = new Set<string>();
  for (let attempts = 0; out.size < count && attempts < count * 20; attempts++) out.add(value());
  return [...out];
}

function valueShape(
  param: PathParam,
  scope: () => string,
  rng: Rng,
  uuid: (rng: Rng) => string,
  name: (rng: Rng) => string,
): () => string {
  // A parent path inside one provider (`servers/sql-prod`), as SQL databases' parents are.
  if (/parentresourcepath/i.test(param.name)) return () => `servers/${name(rng)}`;
  const typed = ID_TYPES.find(([pattern]) => pattern.test(param.name));
  if (typed === undefined) return scope;
  const type = param.name.replace(/^roleId$/i, 'roleDefinitionId').replace(/Id$/i, 's');
  return () => `${scope()}/providers/${typed[1]}/${type}/${uuid(rng)}`;
}
