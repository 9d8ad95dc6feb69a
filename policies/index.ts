/**
 * Tenantry's policies for users who assemble their own pack (`tenantry/policies`): the three packs'
 * definitions, every rule, the framework that turns rules into `@pulumi/policy` policies, the
 * harness that runs packs over recorded resources without a policy server, and the config schema
 * check. Nothing here constructs a `PolicyPack`; the ready-built packs are in the package's
 * `policy-packs/<pack>/`.
 *
 * ```ts
 * import { PolicyPack } from "@pulumi/policy";
 * import { policiesOf, quotaPack, SECURITY_RULES } from "tenantry/policies";
 * new PolicyPack("my-pack", { policies: policiesOf({ ...quotaPack, name: "my-pack", rules: [...quotaPack.rules, ...SECURITY_RULES] }) });
 * ```
 */
export * from "./config-schema.js";
export * from "./framework.js";
export * from "./harness.js";
export * from "./packs.js";
export * from "./rules/licence.js";
export * from "./rules/quota.js";
export * from "./rules/security.js";
