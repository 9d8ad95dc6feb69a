/**
 * A plan worker (forked by plan/shard.ts): for each shard it is sent, runs the stack's program under
 * mocks with `tenantry:select` naming the shard's tenants, writes the recorded resources to the file
 * it was given, and answers with its peak memory. It exits when told to.
 */
import { writeFileSync } from "node:fs";
import { tenantryProgram, type ProgramOutputs } from "../stacks/program.js";
import { runPolicyPacks } from "../policies/harness.js";
import { PACKS } from "../policies/packs.js";
import { runUnderMocks } from "./mock-run.js";
import { monitorsOf } from "./monitors.js";
import { PLAN_HARNESS } from "./run.js";
import { serializeResources, type ShardReply, type ShardRequest } from "./shard.js";

const cpuSeconds = () => {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1e6;
};

process.on("message", (message: ShardRequest | { exit: true }) => {
  if ("exit" in message) return process.disconnect();
  void (async () => {
    let reply: ShardReply;
    try {
      let run: Awaited<ReturnType<typeof runUnderMocks>> | undefined = await runUnderMocks(() => tenantryProgram({ at: new Date(message.at) }), { ...message.config, "tenantry:select": message.select.join(",") }, message.stack);
      const count = run.resources.length;
      const monitors = monitorsOf((run.outputs as ProgramOutputs).tenants);
      // The resource policies run here, on the shard: the plan's process runs only the stack policies.
      const policies = (await runPolicyPacks(PACKS, run.resources, message.policyConfig, { ...PLAN_HARNESS, resourcePoliciesOnly: true })).resourceResults!;
      writeFileSync(message.out, serializeResources(run.resources));
      run = undefined;
      // This shard's SDK objects are garbage now: free them before the next shard grows the heap.
      (globalThis as { gc?: () => void }).gc?.();
      reply = { out: message.out, count, policies, monitors, peakRssMiB: process.resourceUsage().maxRSS / 1024, cpuSeconds: cpuSeconds() };
    } catch (error) {
      reply = { error: error instanceof Error ? (error.stack ?? error.message) : String(error), peakRssMiB: process.resourceUsage().maxRSS / 1024, cpuSeconds: cpuSeconds() };
    }
    process.send!(reply);
  })();
});
