/**
 * `npm run peer-rules`: plans the AWS demo stack offline (as `tenantry plan --cloud aws` does) and
 * runs every rule of the peer pack `@pulumi/awsguard` over it, printing each rule's verdict. Exits 1
 * when a rule is violated that docs/security.md does not acknowledge (scripts/awsguard.ts).
 */
import { preparePlan } from "../plan/run.js";
import { runUnderMocks } from "../plan/mock-run.js";
import { tenantryProgram } from "../stacks/program.js";
import { AWSGUARD_ACKNOWLEDGED, runAwsGuard } from "./awsguard.js";

const at = new Date();
const prepared = await preparePlan({ cloud: "aws", at });
const run = await runUnderMocks(() => tenantryProgram({ at }), prepared.config, prepared.stack);
const verdicts = await runAwsGuard(run.resources);
let unacknowledged = 0;
console.log(`awsguard over the ${prepared.stack} plan (${run.resources.length} resources, ${verdicts.length} rules)`);
for (const v of verdicts) {
  const ack = AWSGUARD_ACKNOWLEDGED[v.name];
  const label = v.outcome === "violated" ? (ack ? `violated, acknowledged (${ack.kind})` : "VIOLATED") : v.outcome;
  if (v.outcome === "violated" && !ack) unacknowledged++;
  console.log(`${label.padEnd(34)} ${v.name} (${v.judged} judged${v.violations.length ? `, ${v.violations.length} violations` : ""})`);
  if (v.reason) console.log(`    ${v.reason}`);
  if (v.outcome === "violated") {
    for (const x of v.violations) console.log(`    ${x.urn?.split("::").pop() ?? "(stack)"}: ${x.message}`);
    if (ack) console.log(`    acknowledged: ${ack.reason}`);
  }
}
console.log(unacknowledged ? `${unacknowledged} rule(s) violated without an acknowledgement` : "no violation that is not acknowledged");
process.exitCode = unacknowledged ? 1 : 0;
