/**
 * Extracts the schema of the Pulumi Kubernetes Operator's `Stack` (pulumi.com/v1) from the operator's
 * CRD into fleet/schemas/pulumi-stack-v1.ts, which `tenantry fleet operator` validates every
 * generated Stack against. Run it when moving to a new operator release:
 *
 *   curl -LO https://raw.githubusercontent.com/pulumi/pulumi-kubernetes-operator/v2.9.0/deploy/crds/pulumi.com_stacks.yaml
 *   npx tsx scripts/pko-stack-schema.ts pulumi.com_stacks.yaml v2.9.0
 *
 * Two changes to the CRD's schema, both stricter: `spec.workspaceTemplate` (a strategic-merge patch
 * of a whole pod template, 300 kB of schema, which Tenantry never sets) is reduced to "an object";
 * and objects without `additionalProperties` refuse unknown keys, which the API server would
 * otherwise drop silently (a misspelt field would be lost, not rejected).
 */
import { readFileSync, writeFileSync } from "node:fs";
import { parse } from "yaml";

type Schema = Record<string, unknown> & { properties?: Record<string, Schema>; items?: Schema; additionalProperties?: unknown };

function strict(schema: Schema): Schema {
  const out: Schema = { ...schema };
  delete out.description;
  if (out.properties) {
    out.properties = Object.fromEntries(Object.entries(out.properties).map(([k, v]) => [k, strict(v)]));
    if (out.additionalProperties === undefined && !out["x-kubernetes-preserve-unknown-fields"]) out.additionalProperties = false;
  }
  if (out.items) out.items = strict(out.items);
  if (out.additionalProperties && typeof out.additionalProperties === "object") out.additionalProperties = strict(out.additionalProperties as Schema);
  return out;
}

const [file, version] = process.argv.slice(2);
if (!file || !version) throw new Error("usage: tsx scripts/pko-stack-schema.ts <pulumi.com_stacks.yaml> <operator version>");
const crd = parse(readFileSync(file, "utf8")) as { spec: { group: string; versions: { name: string; schema: { openAPIV3Schema: Schema } }[] } };
const v1 = crd.spec.versions.find((v) => v.name === "v1")!.schema.openAPIV3Schema;
const spec = v1.properties!.spec!;
spec.properties!.workspaceTemplate = { type: "object", "x-kubernetes-preserve-unknown-fields": true };
const schema = {
  $comment: `The spec of ${crd.spec.group}/v1 Stack, from the Pulumi Kubernetes Operator ${version} CRD (deploy/crds/pulumi.com_stacks.yaml), made strict by scripts/pko-stack-schema.ts`,
  type: "object",
  required: ["apiVersion", "kind", "metadata", "spec"],
  additionalProperties: false,
  properties: {
    apiVersion: { const: `${crd.spec.group}/v1` },
    kind: { const: "Stack" },
    metadata: {
      type: "object",
      required: ["name"],
      properties: {
        name: { type: "string", pattern: "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$", maxLength: 253 },
        namespace: { type: "string" },
        labels: { type: "object", additionalProperties: { type: "string" } },
        annotations: { type: "object", additionalProperties: { type: "string" } },
      },
      additionalProperties: false,
    },
    spec: strict(spec),
  },
};
writeFileSync(
  "fleet/schemas/pulumi-stack-v1.ts",
  `/** ${schema.$comment}. Generated: do not edit. */\nexport const PULUMI_STACK_V1_SCHEMA = ${JSON.stringify(schema, null, 1)};\n`,
);
