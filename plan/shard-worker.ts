/**
 * A plan worker (forked by plan/shard.ts): for each shard it is sent, runs the stack's program under
 * mocks with `tenantry:select` naming the shard's tenants, writes the recorded resources to the file
 * it was given, and answers with its peak memory. It exits when told to.
 */
import { writeFileSync } from "node:fs";
import { tenantryProgram } from "../stacks/program.js";
import { runUnderMocks } from "./mock-run.js";
import { serializeResources, type ShardReply, type ShardRequest } from "./shard.js";

process.on("message", (message: ShardRequest | { exit: true }) => {
  if ("exit" in message) return process.disconnect();
  void (async () => {
    let reply: ShardReply;
    try {
      const run = await runUnderMocks(tenantryProgram, { ...message.config, "tenantry:select": message.select.join(",") }, message.stack);
      writeFileSync(message.out, serializeResources(run.resources));
      reply = { out: message.out, count: run.resources.length, peakRssMiB: process.resourceUsage().maxRSS / 1024 };
    } catch (error) {
      reply = { error: error instanceof Error ? (error.stack ?? error.message) : String(error), peakRssMiB: process.resourceUsage().maxRSS / 1024 };
    }
    process.send!(reply);
  })();
});
