/**
 * Extracts the token -> inputs -> required table of the Huawei Cloud resources Tenantry binds, from a
 * checkout of the provider's generated Node SDK (`huaweicloud/pulumi-huaweicloud`, `sdk/nodejs`).
 * The bindings in components/huaweicloud/provider/ are hand-written (the SDK is not on npm); the
 * table this writes (test/fixtures/huaweicloud-sdk-table.json) is what test/huaweicloud/bindings.test.ts
 * checks them against.
 *
 *   tsx scripts/huaweicloud-sdk-table.ts <checkout> <commit> [<release note>] > test/fixtures/huaweicloud-sdk-table.json
 *
 * For each resource file: the `__pulumiType`, every member of its `<Name>Args` interface (required
 * unless marked `?`), the nested input types those members use (from `types/input.ts`, recursively),
 * and the output-only properties. For each data source file: the invoke token, its arguments and
 * its result fields.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";

/** The SDK files of every resource and data source Tenantry binds (paths under sdk/nodejs). */
export const RESOURCE_FILES = [
  "eps/project.ts",
  "vpc/vpc.ts",
  "vpc/subnet.ts",
  "vpc/secgroup.ts",
  "vpc/secgroupRule.ts",
  "vpc/eip.ts",
  "nat/gateway.ts",
  "nat/snatRule.ts",
  "ecs/instance.ts",
  "ecs/eipAssociate.ts",
  "ecs/volumeAttach.ts",
  "evs/volume.ts",
  "obs/bucket.ts",
  "obs/bucketPolicy.ts",
  "dew/key.ts",
  "iam/user.ts",
  "iam/accessKey.ts",
  "iam/group.ts",
  "iam/groupMembership.ts",
  "iam/role.ts",
  "iam/groupRoleAssignment.ts",
  "iam/agency.ts",
  "rds/instance.ts",
  "cse/alarmrule.ts",
  "smn/topic.ts",
  "smn/subscription.ts",
  "lts/group.ts",
  "lts/stream.ts",
  "vpc/flowLog.ts",
  "rds/sqlAudit.ts",
  "dedicatedelb/loadbalancer.ts",
  "dedicatedelb/listener.ts",
  "dedicatedelb/pool.ts",
  "dedicatedelb/member.ts",
  "dedicatedelb/monitor.ts",
  "dedicatedelb/l7policy.ts",
  "dedicatedelb/l7rule.ts",
  "dedicatedelb/ipgroup.ts",
  "dedicatedelb/logtank.ts",
  "dns/recordset.ts",
  "functiongraph/function.ts",
  "functiongraph/trigger.ts",
];
export const INVOKE_FILES = ["getAvailabilityZones.ts", "iam/getRole.ts"];

export interface InputSpec {
  required: boolean;
  /** The TypeScript type as the SDK writes it. */
  type: string;
  /** For an object (or list of objects) input: its fields. */
  fields?: Record<string, InputSpec>;
}

function parse(file: string): ts.SourceFile {
  return ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.ES2022, true);
}

/** The interfaces of types/input.ts, by `Module.Name`. */
function nestedInterfaces(sdk: string): Map<string, ts.InterfaceDeclaration> {
  const out = new Map<string, ts.InterfaceDeclaration>();
  const visit = (node: ts.Node, path: string[]) => {
    if (ts.isModuleDeclaration(node) && node.body && ts.isModuleBlock(node.body)) {
      for (const s of node.body.statements) visit(s, [...path, node.name.text]);
    } else if (ts.isInterfaceDeclaration(node)) {
      out.set([...path, node.name.text].join("."), node);
    }
  };
  for (const s of parse(join(sdk, "types/input.ts")).statements) visit(s, []);
  return out;
}

function members(decl: ts.InterfaceDeclaration, nested: Map<string, ts.InterfaceDeclaration>, seen: Set<string> = new Set()): Record<string, InputSpec> {
  const out: Record<string, InputSpec> = {};
  for (const m of decl.members) {
    if (!ts.isPropertySignature(m) || !m.type) continue;
    const name = m.name.getText();
    const type = m.type.getText().replace(/\s+/g, " ");
    const spec: InputSpec = { required: !m.questionToken, type };
    const ref = /inputs\.([A-Za-z]+\.[A-Za-z0-9]+)/.exec(type);
    if (ref && nested.has(ref[1]!) && !seen.has(ref[1]!)) spec.fields = members(nested.get(ref[1]!)!, nested, new Set([...seen, ref[1]!]));
    out[name] = spec;
  }
  return out;
}

function resource(sdk: string, rel: string, nested: Map<string, ts.InterfaceDeclaration>) {
  const source = parse(join(sdk, rel));
  const cls = source.statements.find(ts.isClassDeclaration)!;
  const className = cls.name!.text;
  let token = "";
  const outputs: string[] = [];
  for (const m of cls.members) {
    if (!ts.isPropertyDeclaration(m)) continue;
    const name = m.name.getText();
    if (name === "__pulumiType") token = (m.initializer as ts.StringLiteral).text;
    else if (!m.modifiers?.some((x) => x.kind === ts.SyntaxKind.StaticKeyword)) outputs.push(name);
  }
  const args = source.statements.find((s): s is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(s) && s.name.text === `${className}Args`)!;
  const inputs = members(args, nested);
  return [token, { file: `sdk/nodejs/${rel}`, inputs, outputOnly: outputs.filter((o) => !(o in inputs)).sort() }] as const;
}

function invoke(sdk: string, rel: string) {
  const source = parse(join(sdk, rel));
  const text = source.getFullText();
  const token = /pulumi\.runtime\.invoke\("([^"]+)"/.exec(text)![1]!;
  const iface = (suffix: string) => source.statements.find((s): s is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(s) && s.name.text.endsWith(suffix) && !s.name.text.endsWith(`Output${suffix}`))!;
  const args = Object.fromEntries(iface("Args").members.filter(ts.isPropertySignature).map((m) => [m.name.getText(), { required: !m.questionToken, type: m.type!.getText() }]));
  const result = iface("Result").members.filter(ts.isPropertySignature).map((m) => m.name.getText()).sort();
  return [token, { file: `sdk/nodejs/${rel}`, args, result }] as const;
}

export function extract(checkout: string, commit: string, release?: string) {
  const sdk = join(checkout, "sdk/nodejs");
  const nested = nestedInterfaces(sdk);
  const pkg = JSON.parse(readFileSync(join(sdk, "package.json"), "utf8")) as { name: string; pulumi: { name: string; server: string } };
  return {
    source: {
      repository: "https://github.com/huaweicloud/pulumi-huaweicloud",
      commit,
      ...(release ? { release } : {}),
      path: "sdk/nodejs",
      extractedBy: "scripts/huaweicloud-sdk-table.ts",
      note: "Generated by the provider's tfgen from terraform-provider-huaweicloud v1.73.3 (provider/go.mod at this commit).",
    },
    package: { npm: pkg.name, plugin: pkg.pulumi.name, server: pkg.pulumi.server },
    resources: Object.fromEntries(RESOURCE_FILES.map((f) => resource(sdk, f, nested))),
    invokes: Object.fromEntries(INVOKE_FILES.map((f) => invoke(sdk, f))),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [checkout, commit, release] = process.argv.slice(2);
  if (!checkout || !commit) {
    console.error("usage: tsx scripts/huaweicloud-sdk-table.ts <checkout of huaweicloud/pulumi-huaweicloud> <commit> [<release note>]");
    process.exit(2);
  }
  process.stdout.write(`${JSON.stringify(extract(checkout, commit, release), null, 1)}\n`);
}
