#!/usr/bin/env node
/**
 * The `tenantry` command. Exit codes: 0 success, 1 the input has problems (validate) or a mandatory
 * policy is violated (plan), 2 the command line, the input or the configuration is wrong.
 */
import { Command, CommanderError } from "commander";
import { registerFleetCommand } from "./fleet-command.js";
import { FORMATS, planCommand, type Format } from "./plan.js";
import { validate } from "./validate.js";

const program = new Command("tenantry")
  .description("Tenantry: one dedicated, isolated service instance per tenant, on any cloud")
  .exitOverride();

program
  .command("validate")
  .description("check tenant manifests (files or directories of .yaml files) and the fleet-wide rules")
  .argument("<paths...>", "tenant manifest files or directories")
  .action(async (paths: string[]) => {
    const result = await validate(paths);
    for (const line of result.lines) console.log(line);
    process.exitCode = result.exitCode;
  });

program
  .command("plan")
  .description("show what `pulumi up` would create for a stack, with capacity, licence status and policy verdicts, without a cloud account")
  .option("--stack <name>", "a stack with a config file stacks/Pulumi.<name>.yaml")
  .option("--cloud <cloud>", "aws, alicloud or huaweicloud, with --tenants (the <cloud>-demo stack's configuration for the rest)")
  .option("--tenants <dir>", "a directory of tenant manifests, with --cloud")
  .option("--format <format>", `${FORMATS.join(", ")}`, "text")
  .option("--baseline <plan.json>", "an earlier plan (--format json) to show the changes against")
  .option("--now <iso-date-time>", "judge licences at this moment instead of now")
  .option("--policy-config <file.json>", "policy configuration: { <rule>: level | { enforcementLevel, ...numbers } }")
  .option("--workers <n>", "worker processes for a large fleet (default: by cores and free memory; 1 plans in one process)")
  .option("--shard-tenants <n>", "tenants per worker shard (default 30)")
  .option("--memory-budget <MiB>", "memory the workers may use together (default: 3/4 of free memory)")
  .action(async (options: { stack?: string; cloud?: string; tenants?: string; format: string; baseline?: string; now?: string; policyConfig?: string; workers?: string; shardTenants?: string; memoryBudget?: string }) => {
    process.exitCode = await planCommand(
      { ...options, format: options.format as Format },
      { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t), tty: process.stdout.isTTY === true && process.stderr.isTTY === true },
    );
  });

registerFleetCommand(program);

try {
  await program.parseAsync();
} catch (error) {
  if (error instanceof CommanderError) {
    // Help and version exit 0; usage errors (already printed by commander) exit 2.
    process.exitCode = error.exitCode === 0 ? 0 : 2;
  } else {
    throw error;
  }
}
