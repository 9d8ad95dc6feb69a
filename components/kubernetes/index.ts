/** Tenantry's Kubernetes components. Each is usable on its own; `KubernetesTenant` assembles them per tenant. */
export * from "./alert-rules.js";
export * from "./alert-routing.js";
export * from "./backup-storage.js";
export * from "./capacity-rules.js";
export * from "./database.js";
export * from "./labels.js";
export * from "./monitors.js";
export * from "./namespace.js";
export * from "./network-policies.js";
export * from "./operator-access.js";
export * from "./sizing.js";
export * from "./tenant.js";
export * from "./workload.js";
