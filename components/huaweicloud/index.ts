/**
 * Tenantry's Huawei Cloud components. Each is usable on its own; `HuaweiTenant` assembles them per
 * tenant. The provider bindings they use are in ./provider (also exported here as `provider`).
 */
export * as provider from "./provider/index.js";
export * from "./alarm-topic.js";
export * from "./backup-storage.js";
export * from "./chat-relay.js";
export * from "./database.js";
export * from "./database-alarms.js";
export * from "./entry-logs.js";
export * from "./expiry-alarms.js";
export * from "./expiry-watcher.js";
export * from "./function-failures.js";
export * from "./entry-points.js";
export * from "./flavors.js";
export * from "./host.js";
export * from "./host-alarms.js";
export * from "./metrics.js";
export * from "./middleware-checks.js";
export * from "./monitor-coverage.js";
export * from "./naming.js";
export * from "./network.js";
export * from "./ops-server.js";
export * from "./policies.js";
export * from "./prober.js";
export * from "./tenant.js";
export * from "./url-probes.js";
