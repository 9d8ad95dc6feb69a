/**
 * Policy configuration, checked against each rule's own config schema: the file `--policy-config`
 * names (all packs in one object, keyed by rule) and each pack's `--policy-pack-config` file. Unknown
 * rules, wrong types (a string `maxVcpu` would otherwise switch a check off) and levels a rule does
 * not take are problems naming the path, what was received and what is allowed.
 */
import { z } from "zod";
import { problemsFromZod, type Problem } from "../components/core/index.js";
import { acknowledgedPolicyName, type PackDefinition, type RuleLevel } from "./framework.js";

/** The enforcement levels a rule may be set to. */
export const RULE_LEVELS: readonly RuleLevel[] = ["advisory", "mandatory", "disabled"];

interface PolicyEntry {
  readonly pack: string;
  readonly name: string;
  readonly properties: Readonly<Record<string, object>>;
}

function policyEntries(packs: readonly PackDefinition[]): PolicyEntry[] {
  return packs.flatMap((pack) => [
    ...pack.rules.map((rule) => ({ pack: pack.name, name: rule.name, properties: (rule.configSchema?.properties ?? {}) as Record<string, object> })),
    { pack: pack.name, name: acknowledgedPolicyName(pack), properties: {} },
  ]);
}

const levelsText = RULE_LEVELS.join(", ");

/** Every problem of a policy configuration (an object keyed by rule name), for the rules of `packs`. */
export function policyConfigProblems(packs: readonly PackDefinition[], config: unknown, file?: string): Problem[] {
  const at = file === undefined ? {} : { file };
  if (config === null || typeof config !== "object" || Array.isArray(config)) {
    return [{ ...at, path: "(document)", message: `must be an object keyed by rule name, e.g. { "tenant-quota": { "maxVcpu": 40 } }`, received: config }];
  }
  const entries = new Map(policyEntries(packs).map((e) => [e.name, e]));
  const problems: Problem[] = [];
  for (const [name, value] of Object.entries(config)) {
    const entry = entries.get(name);
    if (!entry) {
      const pack = packs.find((p) => p.name === name);
      problems.push(
        pack
          ? { ...at, path: name, message: `is a pack, not a rule: give its rules at the top level (all packs in one object): ${pack.rules.map((r) => r.name).join(", ")}`, received: value }
          : { ...at, path: name, message: `is not a rule of ${packs.map((p) => p.name).join(", ")}: one of ${[...entries.keys()].join(", ")}`, received: value },
      );
      continue;
    }
    if (typeof value === "string") {
      if (!(RULE_LEVELS as readonly string[]).includes(value)) problems.push({ ...at, path: name, message: `must be an enforcement level: one of ${levelsText}`, received: value });
      continue;
    }
    if (value === null || typeof value !== "object" || Array.isArray(value)) {
      problems.push({ ...at, path: name, message: `must be an enforcement level (${levelsText}) or an object { enforcementLevel, ...its config }`, received: value });
      continue;
    }
    const props = Object.keys(entry.properties);
    const schema = z.strictObject(
      {
        enforcementLevel: z.enum(RULE_LEVELS as [RuleLevel, ...RuleLevel[]], { error: `must be one of ${levelsText}` }).optional(),
        ...Object.fromEntries(Object.entries(entry.properties).map(([key, prop]) => [key, z.fromJSONSchema(prop as z.core.JSONSchema.JSONSchema).optional()])),
      },
      { error: (issue) => (issue.code === "unrecognized_keys" ? `is not a setting of ${name}: ${props.length > 0 ? `enforcementLevel, ${props.join(", ")}` : "only enforcementLevel"}` : undefined) },
    );
    const result = schema.safeParse(value, { reportInput: true });
    if (!result.success) problems.push(...problemsFromZod(result.error.issues).map((p) => ({ ...at, ...p, path: `${name}.${p.path}` })));
  }
  return problems;
}

/**
 * The JSON Schema of a pack's `--policy-pack-config` file (shipped as `config.schema.json` beside
 * each built pack): per rule, a level or an object with `enforcementLevel` and the rule's settings.
 */
export function packConfigJsonSchema(pack: PackDefinition): object {
  return {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    title: `${pack.name} policy-pack configuration`,
    description: pack.description,
    type: "object",
    additionalProperties: false,
    properties: Object.fromEntries(
      policyEntries([pack]).map((e) => [
        e.name,
        {
          oneOf: [
            { type: "string", enum: RULE_LEVELS },
            { type: "object", additionalProperties: false, properties: { enforcementLevel: { type: "string", enum: RULE_LEVELS }, ...e.properties } },
          ],
        },
      ]),
    ),
  };
}
