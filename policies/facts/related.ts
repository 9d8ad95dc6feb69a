/**
 * Finding the settings resources of a resource (a bucket's versioning, policy, ...): through the
 * engine's property dependencies when it gives them, else through a shared parent holding one such
 * resource, else by the referenced name.
 */
import type { ResourceView } from "../framework.js";

export function settingsOf(target: ResourceView, candidates: readonly ResourceView[], property: string, targetName: (r: ResourceView) => unknown): ResourceView[] {
  return candidates.filter((c) => {
    const deps = c.propertyDependencies?.[property];
    if (deps && deps.length > 0) return deps.some((d) => d.urn === target.urn);
    if (c.parent && target.parent && c.parent.urn === target.parent.urn) return true;
    const name = targetName(target);
    return name !== undefined && c.props[property] === name;
  });
}
