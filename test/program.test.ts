import * as pulumi from "@pulumi/pulumi";
import { beforeEach, describe, expect, it, vi } from "vitest";

const registered: string[] = [];

beforeEach(async () => {
  registered.length = 0;
  vi.resetModules();
  await pulumi.runtime.setMocks(
    {
      newResource: (args) => {
        registered.push(args.type);
        return { id: `${args.name}-id`, state: args.inputs };
      },
      call: (args) => args.inputs,
    },
    "tenantry",
    "aws-demo",
    true,
  );
});

describe("the Pulumi program (Pulumi.yaml main) under mocks", () => {
  it("validates the config and tenants, then exports each tenant's cloud-neutral plan", async () => {
    pulumi.runtime.setAllConfig({ "tenantry:cloud": "aws", "tenantry:tenants": "stacks/tenants" });

    const program = await import("../stacks/index.js");

    expect(Object.keys(program.tenants)).toEqual(["acme", "globex", "initech"]);
    expect(program.tenants.acme!.hosts.map((h) => h.source.row)).toEqual([
      "500 users",
      "configuration 1 (deduplication on)",
      "operations server",
    ]);
    expect(registered).toEqual([]);
  });

  it("fails on bad tenants with every problem, before registering anything", async () => {
    pulumi.runtime.setAllConfig({ "tenantry:cloud": "aws", "tenantry:tenants": "test/fixtures/fleets/overlap" });
    await expect(import("../stacks/index.js")).rejects.toThrow(
      "the tenant manifests in test/fixtures/fleets/overlap have problems:\n" +
        "test/fixtures/fleets/overlap/beta.yaml: network.cidr: overlaps 10.30.0.0/20 of test/fixtures/fleets/overlap/alpha.yaml",
    );
    expect(registered).toEqual([]);
  });

  it("fails on bad stack configuration", async () => {
    pulumi.runtime.setAllConfig({ "tenantry:cloud": "gcp" });
    await expect(import("../stacks/index.js")).rejects.toThrow('tenantry:cloud: must be one of aws, alicloud, huaweicloud, kubernetes (got "gcp")');
  });
});
