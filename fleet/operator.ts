/**
 * The Pulumi Kubernetes Operator's `Stack` custom resources (pulumi.com/v1) for a fleet: one per stack
 * of fleet/units.ts, so a cluster runs the fleet. Each names its Pulumi stack, the program's git
 * source, its configuration inline, where its secrets come from (Kubernetes Secrets, never values),
 * and, for tenant stacks, the fleet stack as a prerequisite. Every resource is checked against the
 * operator's own schema (fleet/schemas/pulumi-stack-v1.ts, from its CRD) before it is returned.
 */
import { Ajv } from "ajv";
import { stringify } from "yaml";
import { z } from "zod";
import { InputError, validated } from "../components/core/index.js";
import { PULUMI_STACK_V1_SCHEMA } from "./schemas/pulumi-stack-v1.js";
import { configValue, shortName, type FleetUnit } from "./units.js";

/** A key of a Kubernetes Secret. */
const secretKeyRef = z.strictObject({ name: z.string().min(1), key: z.string().min(1) });

export const operatorOptionsSchema = z.strictObject({
  /** The Pulumi Cloud organization (or `organization` with a DIY `backend`). */
  org: z.string().regex(/^[A-Za-z0-9_.-]+$/, { error: "must be an organization name" }),
  /** The git repository holding this project (Pulumi.yaml at `repoDir`). */
  repo: z.url({ error: "must be a git URL (https://...)" }),
  branch: z.string().min(1).default("main"),
  repoDir: z.string().optional(),
  namespace: z.string().regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, { error: "must be a Kubernetes namespace name" }).default("tenantry"),
  /** The Secret holding the Pulumi access token (env PULUMI_ACCESS_TOKEN). */
  accessToken: secretKeyRef.default({ name: "pulumi-api-secret", key: "accessToken" }),
  /** More environment variables from Secrets (e.g. cloud credentials), by variable name. */
  env: z.record(z.string().regex(/^[A-Z_][A-Z0-9_]*$/, { error: "must be an environment variable name" }), secretKeyRef).default({}),
  /** Secret configuration values from Secrets, by config key (e.g. `tenantry:alicloud.password`). */
  secrets: z.record(z.string().min(1), secretKeyRef).default({}),
  /** A DIY backend URL (s3://..., file://...); Pulumi Cloud when unset. */
  backend: z.string().optional(),
  serviceAccountName: z.string().optional(),
  /** Destroy the stack's resources when its Stack resource is deleted. Off: deleting a CR never deletes a tenant. */
  destroyOnFinalize: z.boolean().default(false),
});

export type OperatorOptions = z.input<typeof operatorOptionsSchema>;

export interface OperatorStack {
  apiVersion: "pulumi.com/v1";
  kind: "Stack";
  metadata: { name: string; namespace: string; labels: Record<string, string>; annotations?: Record<string, string> };
  spec: Record<string, unknown>;
}

const validateStack = new Ajv({ strict: false, allErrors: true, validateFormats: false }).compile(PULUMI_STACK_V1_SCHEMA);

/** The problems the operator's schema finds in `resource` (none when it is valid). */
export function operatorSchemaProblems(resource: unknown): string[] {
  if (validateStack(resource)) return [];
  return (validateStack.errors ?? []).map((e) => `${e.instancePath || "(resource)"}: ${e.message}${e.params && "additionalProperty" in e.params ? ` (${String(e.params.additionalProperty)})` : ""}`);
}

const secretRef = (ref: { name: string; key: string }) => ({ type: "Secret", secret: { name: ref.name, key: ref.key } });

export function operatorStacks(units: readonly FleetUnit[], options: OperatorOptions): OperatorStack[] {
  const o = validated(operatorOptionsSchema, options, "operator options", "");
  const fleet = units.find((u) => u.role === "fleet");
  const fleetName = units.find((u) => u.role !== "fleet")?.config["tenantry:fleetStack"];
  const stacks = units.map((u): OperatorStack => {
    const name = shortName(u.stack);
    const config = Object.fromEntries(Object.entries(u.config).filter(([key]) => !(key in o.secrets)).map(([key, value]) => [key, configValue(value)]));
    return {
      apiVersion: "pulumi.com/v1",
      kind: "Stack",
      metadata: {
        name,
        namespace: o.namespace,
        labels: { "app.kubernetes.io/managed-by": "tenantry", "tenantry.io/role": u.role, ...(u.tenants.length === 1 ? { "tenantry.io/tenant": u.tenants[0]! } : {}) },
        ...(u.tenants.length > 1 ? { annotations: { "tenantry.io/tenants": u.tenants.join(",") } } : {}),
      },
      spec: {
        stack: `${o.org}/tenantry/${name}`,
        projectRepo: o.repo,
        branch: o.branch,
        ...(o.repoDir ? { repoDir: o.repoDir } : {}),
        ...(o.backend ? { backend: o.backend } : {}),
        config,
        ...(Object.keys(o.secrets).length > 0 ? { secretsRef: Object.fromEntries(Object.entries(o.secrets).map(([key, ref]) => [key, secretRef(ref)])) } : {}),
        envRefs: { PULUMI_ACCESS_TOKEN: secretRef(o.accessToken), ...Object.fromEntries(Object.entries(o.env).map(([k, ref]) => [k, secretRef(ref)])) },
        refresh: true,
        destroyOnFinalize: o.destroyOnFinalize,
        ...(o.serviceAccountName ? { serviceAccountName: o.serviceAccountName } : {}),
        // A tenant stack reads the fleet stack's outputs: the operator runs it once the fleet stack has succeeded.
        ...(u.role === "tenants" && (fleet || fleetName) ? { prerequisites: [{ name: shortName(fleet?.stack ?? fleetName!) }] } : {}),
      },
    };
  });
  const problems = stacks.flatMap((s) => operatorSchemaProblems(s).map((message) => ({ path: s.metadata.name, message: `does not fit the operator's Stack schema: ${message}` })));
  if (problems.length > 0) throw new InputError("operator Stack resources", problems);
  return stacks;
}

/** The resources as one multi-document YAML stream, for `kubectl apply -f`. */
export function operatorYaml(stacks: readonly OperatorStack[]): string {
  return stacks.map((s) => `---\n${stringify(s, { lineWidth: 0 })}`).join("");
}
