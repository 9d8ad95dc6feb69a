/** Tenantry's cloud-neutral core: documented facts, licences, tenant manifests, CIDR plan, tags. */
export * from "./alarms.js";
export * from "./blueprint.js";
export * from "./catalog.js";
export * from "./defaults.js";
export * from "./cidr.js";
export * from "./flavors.js";
export * from "./fleet.js";
export * from "./licence.js";
export * from "./load.js";
export * from "./manifest.js";
export * from "./network-layout.js";
export * from "./problems.js";
export * from "./tags.js";
export * from "./monitoring.js";
export * from "./notifications.js";
export * from "./reach.js";
export * from "./ops-monitoring.js";
