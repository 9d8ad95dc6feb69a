/**
 * The tag contract (core `tags.ts`) as Kubernetes metadata. Tag keys such as `tenantry:tenant` are
 * not valid label keys, and some values (licence terms, acknowledgements) are not valid label
 * values, so: `managed-by` becomes the recommended `app.kubernetes.io/managed-by` label, tenant and
 * product become `tenantry/tenant` and `tenantry/product` labels (selectable), and every other
 * `tenantry:<key>` tag becomes a `tenantry/<key>` annotation. `tagsOfMetadata` reads them back, so
 * the policy packs read the same contract on Kubernetes as on the clouds.
 *
 * Pure: no provider import (the policy packs use it).
 */
import { TAG_KEYS, type Tags } from "../core/index.js";

export const MANAGED_BY_LABEL = "app.kubernetes.io/managed-by";
/** The prefix of Tenantry's labels and annotations. */
export const PREFIX = "tenantry/";
/** Tags that become labels (everything else becomes an annotation). */
const LABELLED: readonly string[] = [TAG_KEYS.tenant, TAG_KEYS.product];

export const TENANT_LABEL = `${PREFIX}tenant`;
export const PRODUCT_LABEL = `${PREFIX}product`;
/** Labels that select one workload's pods (stable: selectors are immutable). */
export const NAME_LABEL = "app.kubernetes.io/name";
export const INSTANCE_LABEL = "app.kubernetes.io/instance";
export const COMPONENT_LABEL = "app.kubernetes.io/component";

export interface Metadata {
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

const metaKeyOf = (tagKey: string) => (tagKey === TAG_KEYS.managedBy ? MANAGED_BY_LABEL : `${PREFIX}${tagKey.replace(/^tenantry:/, "")}`);

/** The labels and annotations that carry `tags`. */
export function metadataOf(tags: Tags): Metadata {
  const labels: Record<string, string> = {};
  const annotations: Record<string, string> = {};
  for (const [key, value] of Object.entries(tags)) {
    if (key === TAG_KEYS.managedBy || LABELLED.includes(key)) labels[metaKeyOf(key)] = value;
    else annotations[metaKeyOf(key)] = value;
  }
  return { labels, annotations };
}

/** The tags carried by a Kubernetes object's metadata (the inverse of {@link metadataOf}). */
export function tagsOfMetadata(metadata: unknown): Record<string, string> {
  const m = (metadata ?? {}) as { labels?: Record<string, unknown>; annotations?: Record<string, unknown> };
  const tags: Record<string, string> = {};
  for (const source of [m.annotations ?? {}, m.labels ?? {}]) {
    for (const [key, value] of Object.entries(source)) {
      if (typeof value !== "string") continue;
      if (key === MANAGED_BY_LABEL) tags[TAG_KEYS.managedBy] = value;
      else if (key.startsWith(PREFIX)) tags[`tenantry:${key.slice(PREFIX.length)}`] = value;
    }
  }
  return tags;
}

/** A workload's selector labels: product (name) and tenant (instance). Never change them: selectors are immutable. */
export function selectorLabels(tenant: string, workload: string): Record<string, string> {
  return { [NAME_LABEL]: workload, [INSTANCE_LABEL]: tenant };
}
