/**
 * Relating resources to what rules need: a class's size, and a resource's settings resources (a
 * bucket's versioning, policy, ...) through the engine's property dependencies when it gives them,
 * else through a shared parent, else by the referenced name.
 */
import type { Flavor } from "../../components/core/index.js";
import type { ResourceView } from "../framework.js";
import type { SizeFacts } from "./types.js";

/** A class name's size from a cloud's class table; vCPU and memory stay unknown for a class not in it. */
export function sizeOf(table: readonly Flavor[], className: unknown): SizeFacts {
  const name = String(className ?? "");
  const f = table.find((x) => x.name === name);
  return f ? { className: name, vcpu: f.vcpu, memoryGiB: f.memoryGiB } : { className: name };
}

/**
 * A resource's settings resources among `candidates`: those whose `property` depends on it (when
 * the engine gives the dependencies), else those under the same parent, else those whose `property`
 * holds its name (`targetName`). In the candidates' order.
 */
export function settingsOf(target: ResourceView, candidates: readonly ResourceView[], property: string, targetName: (r: ResourceView) => unknown): ResourceView[] {
  const index = settingsIndex(candidates, property);
  const found = new Set<ResourceView>(index.byDependency.get(target.urn));
  if (target.parent) for (const c of index.byParent.get(target.parent.urn) ?? []) found.add(c);
  const name = targetName(target);
  if (name !== undefined) for (const c of index.byValue.get(name) ?? []) found.add(c);
  return found.size < 2 ? [...found] : [...found].sort((a, b) => index.position.get(a)! - index.position.get(b)!);
}

interface SettingsIndex {
  /** Candidates whose property depends on a resource, by that resource's URN. */
  byDependency: Map<string, ResourceView[]>;
  /** Candidates without such dependencies, by their parent's URN and by their property's value. */
  byParent: Map<string, ResourceView[]>;
  byValue: Map<unknown, ResourceView[]>;
  position: Map<ResourceView, number>;
}

// Per candidate list and property, built once: a fleet's stack holds thousands of buckets and
// networks, and scanning every candidate for each of them was quadratic.
const settingsIndexes = new WeakMap<readonly ResourceView[], Map<string, SettingsIndex>>();

function settingsIndex(candidates: readonly ResourceView[], property: string): SettingsIndex {
  let byProperty = settingsIndexes.get(candidates);
  if (!byProperty) settingsIndexes.set(candidates, (byProperty = new Map()));
  const cached = byProperty.get(property);
  if (cached) return cached;
  const index: SettingsIndex = { byDependency: new Map(), byParent: new Map(), byValue: new Map(), position: new Map() };
  const add = <K>(map: Map<K, ResourceView[]>, key: K, c: ResourceView) => {
    const list = map.get(key);
    if (!list) map.set(key, [c]);
    else if (list[list.length - 1] !== c) list.push(c);
  };
  candidates.forEach((c, i) => {
    index.position.set(c, i);
    const deps = c.propertyDependencies?.[property];
    if (deps && deps.length > 0) {
      for (const d of deps) add(index.byDependency, d.urn, c);
      return;
    }
    if (c.parent) add(index.byParent, c.parent.urn, c);
    add(index.byValue, c.props[property], c);
  });
  byProperty.set(property, index);
  return index;
}

/**
 * The resources of given types, indexed once: `of(type, ...)` lists them without scanning every
 * resource again (a fleet's stack holds ~100,000; per bucket or network that scan was quadratic).
 */
export function byType(resources: readonly ResourceView[]): (...types: string[]) => ResourceView[] {
  const index = new Map<string, ResourceView[]>();
  const position = new Map<ResourceView, number>();
  resources.forEach((r, i) => {
    position.set(r, i);
    const list = index.get(r.type);
    if (list) list.push(r);
    else index.set(r.type, [r]);
  });
  const none: ResourceView[] = [];
  const combined = new Map<string, ResourceView[]>();
  return (...types) => {
    if (types.length === 1) return index.get(types[0]!) ?? none;
    // In the stack's order, as a filter over every resource would give them; the same list each time (settingsOf indexes it once).
    const key = types.join("\n");
    let list = combined.get(key);
    if (!list) combined.set(key, (list = types.flatMap((t) => index.get(t) ?? []).sort((a, b) => position.get(a)! - position.get(b)!)));
    return list;
  };
}
