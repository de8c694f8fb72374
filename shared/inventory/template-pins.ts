/**
 * Users' corrections to templating, per host: pinned templates always apply as written, and
 * `neverMerge` prefixes keep their children literal. Peers' top complaint is over- and under-merging
 * with no way to fix it; these rules are that way.
 */
import { splitPath } from '#shared/url/path-segments';
import { newNode, type TemplateNode } from './template-tree.ts';

export interface TemplateRules {
  readonly pinned?: readonly string[];
  readonly neverMerge?: readonly string[];
  /**
   * Templates an uploaded OpenAPI document declares (spec-seeds.ts): pinned like the user's, but a
   * parameter is named after its values (`{id}`), as inferred ones are; the user's pins win.
   */
  readonly seeded?: readonly string[];
}

const PARAM = /^\{([^{}]+)\}$/;

/** Grows pinned templates and frozen prefixes into a host's structure. */
export function applyRules(root: TemplateNode, rules: TemplateRules | undefined): void {
  for (const template of rules?.seeded ?? []) walk(root, template, true, true).terminal = true;
  for (const template of rules?.pinned ?? []) {
    const node = walk(root, template, true);
    node.terminal = true;
  }
  for (const prefix of rules?.neverMerge ?? []) walk(root, prefix, false).frozen = true;
}

function walk(root: TemplateNode, template: string, pin: boolean, seed = false): TemplateNode {
  let node = root;
  for (const segment of splitPath(template)) {
    const param = PARAM.exec(segment);
    if (param !== null) {
      node.param ??= newNode(param[1]!, 'param');
      node = node.param;
      if (pin && seed) {
        node.seeded = !node.pinned || node.seeded;
        node.pinned = true;
      } else if (pin) {
        node.pinned = true;
        node.seeded = false;
        node.name = param[1]!;
      }
      continue;
    }
    const key = segment.toLowerCase();
    let next = node.literals?.get(key);
    if (next === undefined) {
      next = newNode(segment, undefined);
      (node.literals ??= new Map()).set(key, next);
    }
    if (pin) next.pinned = true;
    node = next;
  }
  return node;
}
