/**
 * Keeps the hand-written Huawei Cloud bindings honest. No compiler can tell a misspelt input name
 * in a hand-written binding: the provider would only refuse it at `pulumi up`. So every binding in
 * components/huaweicloud/provider/ is read here (with the TypeScript parser) and checked against the
 * table extracted from the provider's own Node SDK (test/fixtures/huaweicloud-sdk-table.json, with
 * its repository and commit): type token, every input name (nested ones too), which inputs are
 * required, the properties read back, and the secrets the SDK leaves unmarked.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import * as pulumi from "@pulumi/pulumi";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { HUAWEICLOUD_PLUGIN_DOWNLOAD_URL, HUAWEICLOUD_PROVIDER_VERSION, Vpc, AccessKey, RdsInstance } from "../../components/huaweicloud/provider/index.js";
import { runUnderMocks, SecretValue } from "../../plan/mock-run.js";

interface InputSpec {
  required: boolean;
  type: string;
  fields?: Record<string, InputSpec>;
}
interface SdkTable {
  source: { repository: string; commit: string };
  package: { plugin: string; server: string };
  resources: Record<string, { file: string; inputs: Record<string, InputSpec>; outputOnly: string[] }>;
  invokes: Record<string, { args: Record<string, { required: boolean }>; result: string[] }>;
}

const TABLE = JSON.parse(readFileSync("test/fixtures/huaweicloud-sdk-table.json", "utf8")) as SdkTable;
const DIR = "components/huaweicloud/provider";

/** Properties that hold secrets, which the provider's SDK does not mark (huaweicloud-provider fact sheet, §2). */
const SECRET_PROPERTIES: Record<string, string[]> = {
  "huaweicloud:Rds/instance:Instance": ["db"],
  "huaweicloud:Ecs/instance:Instance": ["adminPass"],
  "huaweicloud:Iam/accessKey:AccessKey": ["secret"],
  "huaweicloud:Iam/user:User": ["password"],
  "huaweicloud:FunctionGraph/function:Function": ["encryptedUserData"],
};

interface Binding {
  file: string;
  className: string;
  token: string;
  args: ts.InterfaceDeclaration;
  outputs: string[];
  secrets: string[];
  declared: string[];
}

const sources = readdirSync(DIR)
  .filter((f) => f.endsWith(".ts"))
  .map((f) => ts.createSourceFile(f, readFileSync(join(DIR, f), "utf8"), ts.ScriptTarget.ES2022, true));
const interfaces = new Map(sources.flatMap((s) => s.statements.filter(ts.isInterfaceDeclaration).map((i) => [i.name.text, i] as const)));

function stringList(node: ts.Expression | undefined): string[] {
  return node && ts.isArrayLiteralExpression(node) ? node.elements.filter(ts.isStringLiteral).map((e) => e.text) : [];
}

function bindingOf(source: ts.SourceFile, cls: ts.ClassDeclaration): Binding | undefined {
  const tokenMember = cls.members.find((m): m is ts.PropertyDeclaration => ts.isPropertyDeclaration(m) && m.name.getText() === "__pulumiType");
  if (!tokenMember) return undefined;
  const ctor = cls.members.find(ts.isConstructorDeclaration)!;
  const argsType = ctor.parameters[1]!.type!.getText();
  const superCall = ctor.body!.statements
    .map((s) => (ts.isExpressionStatement(s) && ts.isCallExpression(s.expression) && s.expression.expression.kind === ts.SyntaxKind.SuperKeyword ? s.expression : undefined))
    .find(Boolean)!;
  const spec = superCall.arguments[3] as ts.ObjectLiteralExpression;
  const prop = (name: string) => (spec.properties.find((p) => p.name?.getText() === name) as ts.PropertyAssignment | undefined)?.initializer;
  return {
    file: source.fileName,
    className: cls.name!.text,
    token: (tokenMember.initializer as ts.StringLiteral).text,
    args: interfaces.get(argsType)!,
    outputs: stringList(prop("outputs")),
    secrets: stringList(prop("secrets")),
    declared: cls.members.filter((m): m is ts.PropertyDeclaration => ts.isPropertyDeclaration(m) && !!m.modifiers?.some((x) => x.kind === ts.SyntaxKind.DeclareKeyword)).map((m) => m.name.getText()),
  };
}

const BINDINGS = sources.flatMap((s) => s.statements.filter(ts.isClassDeclaration).flatMap((c) => bindingOf(s, c) ?? []));

/** The members of an interface or an inline object type, with whether each is required and its type node. */
function membersOf(node: ts.InterfaceDeclaration | ts.TypeLiteralNode): { name: string; required: boolean; type: ts.TypeNode }[] {
  return node.members.filter(ts.isPropertySignature).map((m) => ({ name: m.name.getText(), required: !m.questionToken, type: m.type! }));
}

/** The object type a member's type names (through Input<...>, arrays), if it is one of ours or inline. */
function objectTypeOf(type: ts.TypeNode): ts.InterfaceDeclaration | ts.TypeLiteralNode | undefined {
  if (ts.isTypeLiteralNode(type)) return type.members.some(ts.isIndexSignatureDeclaration) ? undefined : type;
  if (ts.isArrayTypeNode(type)) return objectTypeOf(type.elementType);
  if (ts.isTypeReferenceNode(type)) {
    const local = interfaces.get(type.typeName.getText());
    if (local) return local;
    const [arg] = type.typeArguments ?? [];
    return arg ? objectTypeOf(arg) : undefined;
  }
  return undefined;
}

/** Every way `node`'s members differ from the SDK's `inputs`: unknown names, wrong required-ness, missing required ones. */
function mismatches(node: ts.InterfaceDeclaration | ts.TypeLiteralNode, inputs: Record<string, InputSpec>, path: string): string[] {
  const problems: string[] = [];
  const members = membersOf(node);
  for (const m of members) {
    const sdk = inputs[m.name];
    if (!sdk) {
      problems.push(`${path}${m.name}: not an input of the SDK`);
      continue;
    }
    if (sdk.required !== m.required) problems.push(`${path}${m.name}: the SDK has it ${sdk.required ? "required" : "optional"}`);
    const nested = objectTypeOf(m.type);
    if (nested && !sdk.fields) problems.push(`${path}${m.name}: an object here, ${sdk.type} in the SDK`);
    if (nested && sdk.fields) problems.push(...mismatches(nested, sdk.fields, `${path}${m.name}.`));
  }
  for (const [name, spec] of Object.entries(inputs)) {
    if (spec.required && !members.some((m) => m.name === name)) problems.push(`${path}${name}: required by the SDK, missing here`);
  }
  return problems;
}

describe("the SDK table", () => {
  it("says where it comes from", () => {
    expect(TABLE.source.repository).toBe("https://github.com/huaweicloud/pulumi-huaweicloud");
    expect(TABLE.source.commit).toMatch(/^[0-9a-f]{40}$/);
  });
});

describe("every Huawei Cloud binding matches the provider's SDK", () => {
  it("covers every resource of the table, once", () => {
    expect(BINDINGS.map((b) => b.token).sort()).toEqual(Object.keys(TABLE.resources).sort());
  });

  it.each(BINDINGS.map((b) => [`${b.className} (${b.token})`, b] as const))("%s: inputs, required inputs, read-back properties", (_name, b) => {
    const sdk = TABLE.resources[b.token];
    expect(sdk, `${b.token} is not in the SDK table`).toBeDefined();
    expect(b.args, `no Args interface for ${b.className}`).toBeDefined();
    expect(mismatches(b.args, sdk!.inputs, "")).toEqual([]);
    const known = new Set([...Object.keys(sdk!.inputs), ...sdk!.outputOnly]);
    expect([...b.outputs, ...b.declared].filter((o) => !known.has(o))).toEqual([]);
    expect(b.declared.filter((d) => !b.outputs.includes(d)), "declared properties must be registered").toEqual([]);
  });

  it.each(Object.entries(SECRET_PROPERTIES))("%s marks %j secret", (token, secrets) => {
    const b = BINDINGS.find((x) => x.token === token)!;
    expect(b.secrets).toEqual(expect.arrayContaining(secrets));
  });

  it.each([
    ["GET_AVAILABILITY_ZONES", "GetAvailabilityZonesArgs"],
    ["GET_ROLE", "GetRoleArgs"],
  ])("invoke %s: token and arguments", (constant, argsName) => {
    const decl = sources
      .flatMap((s) => s.statements.filter(ts.isVariableStatement).flatMap((v) => [...v.declarationList.declarations]))
      .find((d) => d.name.getText() === constant)!;
    const token = (decl.initializer as ts.StringLiteral).text;
    const sdk = TABLE.invokes[token];
    expect(sdk, `${token} is not in the SDK table`).toBeDefined();
    for (const m of membersOf(interfaces.get(argsName)!)) {
      expect(sdk!.args[m.name], `${argsName}.${m.name}`).toBeDefined();
      expect(m.required).toBe(sdk!.args[m.name]!.required);
    }
  });
});

describe("the plugin a real pulumi up fetches", () => {
  it("is the provider's package, at a released version, from the release path with its v", () => {
    expect(TABLE.package.plugin).toBe("huaweicloud");
    expect(HUAWEICLOUD_PROVIDER_VERSION).toMatch(/^\d+\.\d+\.\d+$/);
    expect(HUAWEICLOUD_PLUGIN_DOWNLOAD_URL).toBe(TABLE.package.server.replace("${VERSION}", `v${HUAWEICLOUD_PROVIDER_VERSION}`));
  });

  it("is named in every binding's resource options, and secrets stay secret", async () => {
    const seen: { type: string; version?: string; url?: string; secretOutputs?: string[] }[] = [];
    const run = await runUnderMocks(() => {
      pulumi.runtime.registerStackTransformation((a) => {
        const o = a.opts as pulumi.CustomResourceOptions;
        seen.push({ type: a.type, ...(o.version ? { version: o.version } : {}), ...(o.pluginDownloadURL ? { url: o.pluginDownloadURL } : {}), ...(o.additionalSecretOutputs ? { secretOutputs: o.additionalSecretOutputs } : {}) });
        return undefined;
      });
      new Vpc("v", { cidr: "10.0.0.0/16" });
      new AccessKey("k", { userId: "u" });
      new RdsInstance("db", {
        availabilityZones: ["az1"],
        db: { type: "MySQL", version: "8.0", password: "p4ssw0rd!" },
        flavor: "rds.mysql.n1.large.2",
        securityGroupId: "sg",
        subnetId: "net",
        volume: { type: "CLOUDSSD", size: 40 },
        vpcId: "vpc",
      });
    });
    for (const s of seen) expect(s).toMatchObject({ version: HUAWEICLOUD_PROVIDER_VERSION, url: HUAWEICLOUD_PLUGIN_DOWNLOAD_URL });
    expect(seen.find((s) => s.type === AccessKey.__pulumiType)!.secretOutputs).toEqual(["secret"]);
    expect(seen.find((s) => s.type === RdsInstance.__pulumiType)!.secretOutputs).toEqual(["db"]);
    expect(run.resources.find((r) => r.type === RdsInstance.__pulumiType)!.inputs.db).toBeInstanceOf(SecretValue);
  });
});
