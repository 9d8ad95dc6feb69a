import { describe, expect, it } from "vitest";
import { DEFAULT_TENANTS_DIR, readStackConfig } from "../stacks/config.js";

const from = (values: Record<string, string>) => (key: string) => values[key];

describe("readStackConfig", () => {
  it("reads the cloud and defaults the tenants directory", () => {
    const defaults = { role: "all", backupTarget: "same-cloud", capacityWarningPercent: 80 };
    expect(readStackConfig(from({ cloud: "aws" }))).toEqual({ cloud: "aws", tenants: DEFAULT_TENANTS_DIR, ...defaults });
    expect(readStackConfig(from({ cloud: "alicloud", tenants: "fleet" }))).toEqual({ cloud: "alicloud", tenants: "fleet", ...defaults });
    expect(readStackConfig(from({ cloud: "aws", backupTarget: "dr-copy", capacityWarningPercent: "90" }))).toMatchObject({ backupTarget: "dr-copy", capacityWarningPercent: 90 });
  });

  it("names the key, what was received and what is allowed", () => {
    expect(() => readStackConfig(from({ cloud: "azure" }))).toThrow(
      'invalid stack configuration:\ntenantry:cloud: must be one of aws, alicloud, huaweicloud, kubernetes (got "azure")',
    );
    expect(() => readStackConfig(from({}))).toThrow(
      "invalid stack configuration:\ntenantry:cloud: is required: one of aws, alicloud, huaweicloud, kubernetes",
    );
  });

  it("reads a tenant stack: its role, the tenants it selects and the fleet stack it reads", () => {
    expect(readStackConfig(from({ cloud: "aws", role: "tenants", select: "acme, globex", fleetStack: "my-org/tenantry/aws-fleet", scope: "aws-prod" }))).toEqual({
      cloud: "aws",
      tenants: DEFAULT_TENANTS_DIR,
      role: "tenants",
      select: ["acme", "globex"],
      fleetStack: "my-org/tenantry/aws-fleet",
      scope: "aws-prod",
      backupTarget: "same-cloud",
      capacityWarningPercent: 80,
    });
  });

  it("says what a role needs and what does not go with it, all at once", () => {
    expect(() => readStackConfig(from({ cloud: "aws", role: "tenants", select: "acme" }))).toThrow(
      "invalid stack configuration:\ntenantry:fleetStack: is required with role tenants: the stack holding the fleet-wide resources",
    );
    expect(() => readStackConfig(from({ cloud: "aws", role: "fleet", select: "acme", fleetStack: "aws-fleet" }))).toThrow(
      [
        "invalid stack configuration:",
        'tenantry:fleetStack: goes only with role tenants (got "aws-fleet")',
        'tenantry:select: goes without role fleet: the fleet stack holds no tenants (got "acme")',
      ].join("\n"),
    );
    expect(() => readStackConfig(from({ cloud: "aws", role: "shard", select: "Acme,", fleetStack: "a/b/c/d" }))).toThrow(
      [
        "invalid stack configuration:",
        'tenantry:role: must be one of all, fleet, tenants (got "shard")',
        'tenantry:select[0]: must be tenant ids separated by commas, e.g. acme or acme,globex (got "Acme")',
        'tenantry:select[1]: must be tenant ids separated by commas, e.g. acme or acme,globex (got "")',
        'tenantry:fleetStack: must be a stack name, e.g. aws-fleet or my-org/tenantry/aws-fleet (got "a/b/c/d")',
      ].join("\n"),
    );
  });
});
