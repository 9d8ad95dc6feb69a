/**
 * Parity: the same demo manifest through the AWS and the Alibaba Cloud stacks gives the same
 * cloud-neutral inventory, except for the differences the README lists as documented cloud
 * differences (each one is checked against the README here).
 */
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { demoBlueprints } from "./helpers/fleet.js";
import { alicloudInventory, awsInventory, inventoryDifferences, type Inventory } from "./helpers/inventory.js";
import { runAlicloudStack, runAwsStack } from "./helpers/stacks.js";

/** Each known difference, with the README sentence that documents it. */
const DOCUMENTED_DIFFERENCES: { difference: RegExp; readme: string }[] = [
  { difference: /^[a-z]+\.hosts\[\d\]\.alarms: .*"status-check".* != /, readme: "EC2 status-check alarms have no CloudMonitor counterpart" },
  // acme's 500-user tier documents a 1 vCPU / 4 GiB database: db.m6i.large (2/8) on AWS, mysql.n2.medium.2c (2/4) on Alibaba.
  { difference: /^acme\.databases\[0\]\.memoryGiB: 8 != 4$/, readme: "AWS has no 1-vCPU RDS class" },
];

let aws: Inventory;
let alicloud: Inventory;
beforeAll(async () => {
  const blueprints = await demoBlueprints();
  aws = awsInventory((await runAwsStack(blueprints)).resources);
  alicloud = alicloudInventory((await runAlicloudStack(blueprints)).resources);
});

describe("AWS and Alibaba Cloud build the same inventory from the demo manifest", () => {
  it("has every tenant, host, bucket and database on both", () => {
    expect(Object.keys(aws)).toEqual(["acme", "globex", "initech"]);
    expect(Object.keys(alicloud)).toEqual(Object.keys(aws));
    for (const id of Object.keys(aws)) {
      expect(alicloud[id]!.hosts.map((h) => [h.product, h.systemDiskGiB, h.cacheDiskGiB, h.publicIp])).toEqual(aws[id]!.hosts.map((h) => [h.product, h.systemDiskGiB, h.cacheDiskGiB, h.publicIp]));
      expect(alicloud[id]!.buckets).toEqual(aws[id]!.buckets);
      expect(alicloud[id]!.databases.map((d) => [d.product, d.storageGiB, d.alarms])).toEqual(aws[id]!.databases.map((d) => [d.product, d.storageGiB, d.alarms]));
    }
  });

  it("differs only where the README says the clouds differ", () => {
    const differences = inventoryDifferences(aws, alicloud);
    console.log(`AWS vs Alibaba Cloud inventory differences:\n${differences.join("\n")}`);
    const unexplained = differences.filter((d) => !DOCUMENTED_DIFFERENCES.some((k) => k.difference.test(d)));
    expect(unexplained).toEqual([]);
    const readme = readFileSync("README.md", "utf8").replace(/\s+/g, " ");
    for (const known of DOCUMENTED_DIFFERENCES) expect(readme).toContain(known.readme);
  });
});
