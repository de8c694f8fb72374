/**
 * Feeds calls to a Templater the way the pipeline does and keeps, for every distinct
 * (host, method, path), the template the inventory would hold at the end: the template returned for
 * its last call, moved by every rewrite the templater reported afterwards.
 */
import { Templater } from '#shared/inventory/templater';
import type { TrafficCall } from './openapi-traffic.ts';

export interface FollowedPath {
  readonly host: string;
  readonly method: string;
  readonly path: string;
  readonly truth: string;
  readonly values: readonly string[];
  readonly kinds: readonly string[];
  readonly pools: readonly string[];
  calls: number;
  /** Current template in the inventory. */
  inferred: string;
}

export interface FollowResult {
  readonly paths: Map<string, FollowedPath>;
  readonly rewrites: number;
  /** Time spent inside `templateOf` and `drainRewrites`, ms. */
  readonly templaterMs: number;
  readonly templater: Templater;
}

/** Runs `calls` through `templater` in order, following rewrites exactly. */
export function followTemplater(calls: Iterable<TrafficCall>, templater = new Templater()): FollowResult {
  const paths = new Map<string, FollowedPath>();
  const byTemplate = new Map<string, Map<string, Set<FollowedPath>>>();
  let rewrites = 0;
  let templaterMs = 0;
  for (const call of calls) {
    const started = performance.now();
    const template = templater.templateOf(call.host, call.method, call.path);
    const moves = templater.drainRewrites();
    templaterMs += performance.now() - started;
    const templates = byTemplate.get(call.host) ?? new Map<string, Set<FollowedPath>>();
    byTemplate.set(call.host, templates);
    if (moves.length > 0) {
      rewrites += moves.length;
      // All rewrites of one merge come from the same snapshot: detach every group, then re-attach.
      const moved = moves.map((m) => {
        const group = templates.get(m.from);
        templates.delete(m.from);
        return { to: m.to, group };
      });
      for (const { to, group } of moved) {
        if (group === undefined) continue;
        for (const p of group) p.inferred = to;
        const target = templates.get(to);
        if (target === undefined) templates.set(to, group);
        else for (const p of group) target.add(p);
      }
    }
    const key = `${call.host}\u0000${call.method}\u0000${call.path}`;
    let entry = paths.get(key);
    if (entry === undefined) {
      entry = { ...pick(call), calls: 0, inferred: template };
      paths.set(key, entry);
    } else if (entry.inferred !== template) {
      templates.get(entry.inferred)?.delete(entry);
    }
    entry.calls++;
    entry.inferred = template;
    let group = templates.get(template);
    if (group === undefined) templates.set(template, (group = new Set()));
    group.add(entry);
  }
  return { paths, rewrites, templaterMs, templater };
}

function pick(call: TrafficCall): Omit<FollowedPath, 'calls' | 'inferred'> {
  return {
    host: call.host,
    method: call.method,
    path: call.path,
    truth: call.template,
    values: call.values,
    kinds: call.kinds,
    pools: call.pools,
  };
}
