/**
 * `tenantry fleet operator | deployments | stack-files`: what runs a fleet on other engines, generated
 * from the base stack and its tenants. Exit codes: 0 done, 2 bad input (including a generated
 * resource that does not fit its schema).
 */
import { mkdir, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { formatProblem, InputError, type Problem } from "../components/core/index.js";
import { planUnits, type UnitsOptions } from "../fleet/load-units.js";
import { operatorStacks, operatorYaml } from "../fleet/operator.js";
import { stackFiles } from "../fleet/stack-files.js";
import { DEFAULT_TENANTS_DIR } from "../stacks/config.js";
import { readStackFile } from "../stacks/stack-file.js";

export interface GenerateOptions extends UnitsOptions {
  repo?: string;
  branch?: string;
  repoDir?: string;
  namespace?: string;
  accessTokenSecret?: string;
  envSecret?: string[];
  configSecret?: string[];
  backend?: string;
  out?: string;
  github?: string;
  awsRoleArn?: string;
  dryRun?: boolean;
}

export interface GenerateIO {
  out: (text: string) => void;
  err: (text: string) => void;
}

/** `name/key` of a Kubernetes Secret. */
function secretRef(text: string, option: string, problems: Problem[]): { name: string; key: string } {
  const [name, key, ...rest] = text.split("/");
  if (!name || !key || rest.length > 0) problems.push({ path: option, message: "must be <secret name>/<key>", received: text });
  return { name: name ?? "", key: key ?? "" };
}

/** `NAME=secret/key` pairs. */
function secretRefs(pairs: readonly string[] | undefined, option: string, problems: Problem[]): Record<string, { name: string; key: string }> {
  return Object.fromEntries(
    (pairs ?? []).map((pair) => {
      const at = pair.indexOf("=");
      if (at <= 0) problems.push({ path: option, message: "must be <name>=<secret name>/<key>", received: pair });
      return [pair.slice(0, at), secretRef(pair.slice(at + 1), option, problems)];
    }),
  );
}

async function guarded(io: GenerateIO, run: () => Promise<void>): Promise<0 | 2> {
  try {
    await run();
    return 0;
  } catch (error) {
    if (error instanceof InputError) {
      io.err(`${error.problems.map(formatProblem).join("\n")}\n`);
      return 2;
    }
    throw error;
  }
}

export function operatorCommand(options: GenerateOptions, io: GenerateIO): Promise<0 | 2> {
  return guarded(io, async () => {
    const problems: Problem[] = [];
    const accessToken = secretRef(options.accessTokenSecret ?? "pulumi-api-secret/accessToken", "--access-token-secret", problems);
    const env = secretRefs(options.envSecret, "--env-secret", problems);
    const secrets = secretRefs(options.configSecret, "--config-secret", problems);
    if (problems.length > 0) throw new InputError("operator options", problems);
    const units = await planUnits(options);
    const yaml = operatorYaml(
      operatorStacks(units, {
        org: options.org ?? "",
        repo: options.repo ?? "",
        ...(options.branch ? { branch: options.branch } : {}),
        ...(options.repoDir ? { repoDir: options.repoDir } : {}),
        ...(options.namespace ? { namespace: options.namespace } : {}),
        ...(options.backend ? { backend: options.backend } : {}),
        accessToken,
        env,
        secrets,
      }),
    );
    if (options.out) {
      await writeFile(options.out, yaml);
      io.err(`wrote ${units.length} Stack resources to ${options.out}\n`);
    } else io.out(yaml);
  });
}

export function deploymentsCommand(options: GenerateOptions, io: GenerateIO): Promise<0 | 2> {
  return guarded(io, async () => {
    const units = await planUnits(options);
    const tenantsDir = (await readStackFile(options.stack))["tenantry:tenants"] ?? DEFAULT_TENANTS_DIR;
    // Planned under Pulumi's mocks, as `tenantry plan` plans a stack: the pulumiservice SDK's own types and defaults, no Pulumi Cloud.
    const { runUnderMocks } = await import("../plan/mock-run.js");
    const { fleetDeployments } = await import("../fleet/deployments.js");
    const { plainValue } = await import("../policies/harness.js");
    const run = await runUnderMocks(
      () =>
        void fleetDeployments(units, {
          org: options.org ?? "",
          repo: options.repo ?? "",
          tenantsDir,
          ...(options.branch ? { branch: options.branch } : {}),
          ...(options.repoDir ? { repoDir: options.repoDir } : {}),
          ...(options.github ? { github: { repository: options.github } } : {}),
          ...(options.awsRoleArn ? { awsRoleArn: options.awsRoleArn } : {}),
        }),
      {},
      "deployments",
    );
    const resources = run.resources.map((r) => ({ type: r.type, name: r.name, inputs: plainValue(r.inputs) }));
    io.out(`${JSON.stringify(resources, null, 2)}\n`);
    io.err(`planned ${resources.length} resources for ${units.length} stacks (under mocks; \`cd deployments && pulumi up\` creates them)\n`);
  });
}

export function stackFilesCommand(options: GenerateOptions, io: GenerateIO): Promise<0 | 2> {
  return guarded(io, async () => {
    const files = stackFiles(await planUnits(options), options.stack);
    for (const [path, text] of Object.entries(files)) {
      if (options.dryRun) io.out(`# ${path}\n${text}`);
      else {
        await mkdir(dirname(path), { recursive: true });
        await writeFile(path, text);
        io.err(`wrote ${path}\n`);
      }
    }
  });
}
