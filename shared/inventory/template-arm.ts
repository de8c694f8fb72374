/**
 * Azure Resource Manager paths name resources at fixed places: `/subscriptions/{id}/resourceGroups/
 * {name}` and `/providers/Microsoft.Compute/virtualMachineScaleSets/{name}`. A segment there is a
 * resource's name whatever its words (`launch`, `easy-launch`), so the first one makes the
 * parameter. Across the APIs.guru Azure specs, 5,425 of 5,489 segments right after
 * `providers/<namespace>/<type>` are parameters; the rest are mostly singletons kept apart here.
 */
import type { TemplateNode } from './template-tree.ts';

/** `Microsoft.Compute`, `microsoft.insights`, `Microsoft.DBforPostgreSQL`. */
const NAMESPACE = /^[a-z][a-z0-9]*(?:\.[a-z][a-z0-9]*)+$/i;
/** Fixed child resources where a name would be (`pricesheets/default`, `availabilityStatuses/current`). */
const SINGLETON = /^(?:default|current|global|\$.*)$/i;

function isLiteral(node: TemplateNode | undefined, name?: RegExp): boolean {
  return node !== undefined && node.kind === undefined && (name === undefined || name.test(node.name));
}

/**
 * Whether the children of `visited[depth - 1]` are ARM resource names: it is a resource type right
 * after `providers/<namespace>`, or `resourceGroups` after `subscriptions/{id}`, or a child type
 * below such a name (`virtualMachineScaleSets/{name}/extensions/{name}`). In the Azure specs, 90% of
 * child-type segments are followed by a parameter; `providers` there starts an extension resource.
 */
export function isArmNamePosition(visited: readonly TemplateNode[], depth: number): boolean {
  if (depth < 3) return false;
  const type = visited[depth - 1];
  const owner = visited[depth - 2]!;
  const first = visited[depth - 3];
  if (type === undefined || !isLiteral(type) || type.frozen || /^providers$/i.test(type.name)) return false;
  if (/^resourcegroups$/i.test(type.name))
    return owner.kind !== undefined && isLiteral(first, /^subscriptions$/i);
  if (isLiteral(owner, NAMESPACE)) return isLiteral(first, /^providers$/i);
  // The owner is a name (a parameter, or a literal this walk is about to fold, or a singleton).
  return isArmNamePosition(visited, depth - 2);
}

/** The literal children of an ARM name position to fold: every unpinned one but the singletons. */
export function armNames(node: TemplateNode): Set<string> {
  const keys = new Set<string>();
  for (const [key, c] of node.literals ?? []) if (!c.pinned && !SINGLETON.test(c.name)) keys.add(key);
  return keys;
}
