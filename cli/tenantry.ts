#!/usr/bin/env node
/**
 * The `tenantry` command. Exit codes: 0 success, 1 the input has problems (validate) or a mandatory
 * policy is violated (plan), 2 the command line, the input or the configuration is wrong (or a
 * package it needs is not installed), 3 an unexpected error inside Tenantry (a bug: please report it).
 * Only what a verb needs is loaded: `--help`, `--version` and `validate` need no Pulumi package.
 */
import { Command, CommanderError } from "commander";
import { MissingPackageError, importOnDemand, packageJson } from "../stacks/package.js";
import { registerFleetCommand } from "./fleet-command.js";
import { colorWanted, FORMATS, type Format, type PlanCommandOptions } from "./plan-options.js";
import { registerLicencesCommand } from "./licences.js";
import { validate } from "./validate.js";

const program = new Command("tenantry")
  .description("Tenantry: one dedicated, isolated service instance per tenant, on any cloud")
  .version(packageJson().version)
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
  .option("--cloud <cloud>", "without --stack: the cloud to plan (aws, alicloud, huaweicloud, kubernetes), with the <cloud>-demo stack's configuration (shipped with Tenantry) for the rest")
  .option("--tenants <dir>", "a directory of tenant manifests (default: the stack's tenantry:tenants; with --cloud, the demo tenants)")
  .option("--format <format>", `${FORMATS.join(", ")}`, "text")
  .option("--summary", "text: one line per tenant, the totals and the verdicts, without the resource trees")
  .option("--baseline <plan.json>", "an earlier plan (--format json) to show the changes against")
  .option("--now <iso-date-time>", "judge licences at this moment instead of now")
  .option("--policy-config <file.json>", "policy configuration: { <rule>: level | { enforcementLevel, ...settings } }")
  .option("--workers <n>", "worker processes for a large fleet (default: by cores and free memory; 1 plans in one process)")
  .option("--shard-tenants <n>", "tenants per worker shard (default 30)")
  .option("--memory-budget <MiB>", "memory the workers may use together (default: 3/4 of free memory)")
  .option("-q, --quiet", "no progress lines on stderr")
  .action(async (options: Omit<PlanCommandOptions, "format"> & { format: string }) => {
    // The plan engine loads the Pulumi SDK: only now, and with one clear line if it is missing.
    const { planCommand } = await importOnDemand(() => import("./plan.js"));
    process.exitCode = await planCommand(
      { ...options, format: options.format as Format },
      {
        out: (t) => process.stdout.write(t),
        err: (t) => process.stderr.write(t),
        tty: process.stderr.isTTY === true,
        color: colorWanted(process.stdout.isTTY === true),
      },
    );
  });

registerFleetCommand(program);
registerLicencesCommand(program);

try {
  await program.parseAsync();
} catch (error) {
  if (error instanceof CommanderError) {
    // Help and version exit 0; usage errors (already printed by commander) exit 2.
    process.exitCode = error.exitCode === 0 ? 0 : 2;
  } else if (error instanceof MissingPackageError) {
    process.stderr.write(`tenantry ${program.args[0] ?? ""} ${error.message}\n`.replace(/ {2,}/g, " "));
    process.exitCode = 2;
  } else {
    // Never a bare stack trace: one line, and the trace only when asked for.
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    process.stderr.write(`tenantry: unexpected error (a bug in Tenantry; please report it): ${message.split("\n")[0]}\n`);
    if (process.env.TENANTRY_DEBUG) process.stderr.write(`${(error as Error)?.stack ?? ""}\n`);
    else process.stderr.write("tenantry: set TENANTRY_DEBUG=1 to see where it happened\n");
    process.exitCode = 3;
  }
}
