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

export function settingsOf(target: ResourceView, candidates: readonly ResourceView[], property: string, targetName: (r: ResourceView) => unknown): ResourceView[] {
  return candidates.filter((c) => {
    const deps = c.propertyDependencies?.[property];
    if (deps && deps.length > 0) return deps.some((d) => d.urn === target.urn);
    if (c.parent && target.parent && c.parent.urn === target.parent.urn) return true;
    const name = targetName(target);
    return name !== undefined && c.props[property] === name;
  });
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
  return (...types) => {
    if (types.length === 1) return index.get(types[0]!) ?? [];
    // In the stack's order, as a filter over every resource would give them.
    return types.flatMap((t) => index.get(t) ?? []).sort((a, b) => position.get(a)! - position.get(b)!);
  };
}
