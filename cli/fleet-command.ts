/** The `tenantry fleet` command line (see ./fleet.ts and ./fleet-generate.ts). */
import type { Command } from "commander";
import { OPERATIONS } from "../fleet/runner.js";
import { fleetCommand, type FleetCommandOptions } from "./fleet.js";
import { deploymentsCommand, operatorCommand, stackFilesCommand, type GenerateOptions } from "./fleet-generate.js";

const io = { out: (t: string) => void process.stdout.write(t), err: (t: string) => void process.stderr.write(t) };

function stackOptions(command: Command): Command {
  return command
    .requiredOption("--stack <base>", "the base stack (stacks/Pulumi.<base>.yaml): its tenants and cloud configuration")
    .option("--tenants <ids>", "only these tenants or groups (comma-separated); the fleet stack is then left out unless --with-fleet")
    .option("--with-fleet", "with --tenants, the fleet stack too")
    .option("--groups <file.yaml>", "named groups of tenants that share a stack: { <group>: [<tenant>, ...] }");
}

export function registerFleetCommand(program: Command): void {
  const fleet = program
    .command("fleet")
    .description("a fleet stack and a stack per tenant (or group): run them with Pulumi, or generate what runs them elsewhere (docs/fleet.md)");
  for (const operation of OPERATIONS) {
    stackOptions(fleet.command(operation).description(`pulumi ${operation} of every stack of the fleet, N at a time (Automation API; needs the Pulumi CLI unless --dry-run)`))
      .option("--concurrency <n>", "stacks run at once", "4")
      .option("--org <org>", "qualify stack names as <org>/tenantry/<stack> (a Pulumi Cloud org; 'organization' on a DIY backend)")
      .option("--dry-run", "show the stacks and configuration it would run, and run nothing")
      .option("--report <file.json>", "write the per-stack results as JSON")
      .option("--policy-pack <dir...>", "policy packs to run with preview and up")
      .action(async (options: FleetCommandOptions) => {
        process.exitCode = await fleetCommand(operation, options, io);
      });
  }
  const generator = (name: string, description: string) =>
    stackOptions(fleet.command(name).description(description))
      .requiredOption("--org <org>", "the Pulumi Cloud organization (or 'organization' with a DIY --backend)")
      .requiredOption("--repo <url>", "the git repository of this project")
      .option("--branch <branch>", "the branch to deploy", "main")
      .option("--repo-dir <dir>", "where Pulumi.yaml is in the repository");
  generator("operator", "Pulumi Kubernetes Operator Stack resources (pulumi.com/v1), one per stack, checked against the operator's schema")
    .option("--namespace <ns>", "their namespace", "tenantry")
    .option("--access-token-secret <name/key>", "the Secret key holding the Pulumi access token", "pulumi-api-secret/accessToken")
    .option("--env-secret <VAR=name/key...>", "environment variables from Secret keys (cloud credentials)")
    .option("--config-secret <key=name/key...>", "secret configuration values from Secret keys")
    .option("--backend <url>", "a DIY backend (s3://..., file://...) instead of Pulumi Cloud")
    .option("--out <file.yaml>", "write them here instead of to stdout")
    .action(async (options: GenerateOptions) => {
      process.exitCode = await operatorCommand(options, io);
    });
  generator("deployments", "Pulumi Cloud Deployment settings per stack (@pulumi/pulumiservice), planned under mocks: what `pulumi up` of deployments/ would create")
    .option("--github <owner/name>", "deploy on push and preview pull requests through Pulumi's GitHub app")
    .option("--aws-role-arn <arn>", "the IAM role Pulumi Deployments assumes by OIDC")
    .action(async (options: GenerateOptions) => {
      process.exitCode = await deploymentsCommand(options, io);
    });
  stackOptions(fleet.command("stack-files").description("write stacks/Pulumi.<stack>.yaml for every stack of the fleet (for engines that read configuration from the repository)"))
    .option("--org <org>", "qualify the fleet stack's name, as tenant stacks reference it")
    .option("--dry-run", "print the files instead of writing them")
    .action(async (options: GenerateOptions) => {
      process.exitCode = await stackFilesCommand(options, io);
    });
}
