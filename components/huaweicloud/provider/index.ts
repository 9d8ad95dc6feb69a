/**
 * Tenantry's typed bindings of the Huawei Cloud provider (`huaweicloud`, provider release v0.0.11):
 * only the resources Tenantry uses, each with its exact type token and input names. Every binding
 * is checked against the provider's SDK sources by test/huaweicloud/bindings.test.ts.
 */
export * from "./plugin.js";
export * from "./ces.js";
export * from "./dew.js";
export * from "./dns.js";
export * from "./ecs.js";
export * from "./elb.js";
export * from "./eps.js";
export * from "./evs.js";
export * from "./flow-logs.js";
export * from "./functiongraph.js";
export * from "./iam.js";
export * from "./nat.js";
export * from "./obs.js";
export * from "./rds.js";
export * from "./smn.js";
export * from "./vpc.js";
export * from "./zones.js";
export * from "./provider.js";
