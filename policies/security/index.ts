/**
 * The security policy pack. Constructing a PolicyPack starts its server: never import this file from
 * tests (they run the same rules through policies/harness.ts). Built to dist/index.cjs by
 * `npm run build:policies`.
 */
import { PolicyPack } from "@pulumi/policy";
import { policiesOf } from "../framework.js";
import { securityPack } from "../packs.js";

new PolicyPack(securityPack.name, { policies: policiesOf(securityPack) });
