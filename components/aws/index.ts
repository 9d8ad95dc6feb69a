/** Tenantry's AWS components. Each is usable on its own; `AwsTenant` assembles them per tenant. */
export * from "./alarm-topic.js";
export * from "./backup-storage.js";
export * from "./database.js";
export * from "./database-alarms.js";
export * from "./flavors.js";
export * from "./host.js";
export * from "./host-alarms.js";
export * from "./instance-role.js";
export * from "./metrics.js";
export * from "./network.js";
export * from "./ops-server.js";
export * from "./policies.js";
export * from "./tenant.js";
export * from "./entry-points.js";
export * from "./log-bucket.js";
export * from "./middleware-alarms.js";
export * from "./url-probes.js";
export { Provider } from "./provider.js";
