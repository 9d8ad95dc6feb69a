/** Tenantry's Alibaba Cloud components. Each is usable on its own; `AlicloudTenant` assembles them per tenant. */
export * from "./alarm-contacts.js";
export * from "./backup-storage.js";
export * from "./chat-relay.js";
export * from "./chat-relay-source.js";
export * from "./database.js";
export * from "./database-alarms.js";
export * from "./expiry-alarms.js";
export * from "./flavors.js";
export * from "./host.js";
export * from "./host-alarms.js";
export * from "./metrics.js";
export * from "./network.js";
export * from "./ops-server.js";
export * from "./policies.js";
export * from "./tenant.js";
export * from "./entry-points.js";
export * from "./url-probes.js";
