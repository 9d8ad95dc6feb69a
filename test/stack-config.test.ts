import { describe, expect, it } from "vitest";
import { DEFAULT_TENANTS_DIR, readStackConfig } from "../stacks/config.js";

const from = (values: Record<string, string>) => (key: string) => values[key];

describe("readStackConfig", () => {
  it("reads the cloud and defaults the tenants directory", () => {
    expect(readStackConfig(from({ cloud: "aws" }))).toEqual({ cloud: "aws", tenants: DEFAULT_TENANTS_DIR });
    expect(readStackConfig(from({ cloud: "alicloud", tenants: "fleet" }))).toEqual({ cloud: "alicloud", tenants: "fleet" });
  });

  it("names the key, what was received and what is allowed", () => {
    expect(() => readStackConfig(from({ cloud: "azure" }))).toThrow(
      'invalid stack configuration:\ntenantry:cloud: must be one of aws, alicloud, huaweicloud, kubernetes (got "azure")',
    );
    expect(() => readStackConfig(from({}))).toThrow(
      "invalid stack configuration:\ntenantry:cloud: is required: one of aws, alicloud, huaweicloud, kubernetes",
    );
  });
});
