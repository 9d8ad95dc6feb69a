/** The Huawei Cloud provider's SDK table (test/fixtures/huaweicloud-sdk-table.json) and a check of recorded inputs against it. */
import { readFileSync } from "node:fs";
import { plainValue } from "../../policies/harness.js";

interface InputSpec {
  required: boolean;
  fields?: Record<string, InputSpec>;
}
export const SDK = JSON.parse(readFileSync("test/fixtures/huaweicloud-sdk-table.json", "utf8")) as { resources: Record<string, { inputs: Record<string, InputSpec> }> };

/** Every way recorded inputs break the SDK's inputs: unknown names (nested too), missing required ones. */
export function sdkProblems(inputs: Record<string, unknown>, spec: Record<string, InputSpec>, path = ""): string[] {
  const problems: string[] = [];
  for (const [key, value] of Object.entries(inputs)) {
    const s = spec[key];
    if (!s) {
      problems.push(`${path}${key}: not an input of the SDK`);
      continue;
    }
    const plain = plainValue(value);
    if (s.fields && plain && typeof plain === "object") {
      for (const [i, item] of (Array.isArray(plain) ? plain : [plain]).entries()) problems.push(...sdkProblems(item as Record<string, unknown>, s.fields, `${path}${key}[${i}].`));
    }
  }
  for (const [key, s] of Object.entries(spec)) if (s.required && inputs[key] === undefined) problems.push(`${path}${key}: required by the SDK, missing`);
  return problems;
}

