/** Settings resources are related to their target by dependency, else by parent, else by name; indexed once per candidate list. */
import { describe, expect, it } from "vitest";
import type { ResourceView } from "../../policies/framework.js";
import { byType, settingsOf } from "../../policies/facts/related.js";

const view = (name: string, type: string, props: Record<string, unknown> = {}, extra: Partial<ResourceView> = {}): ResourceView => ({ type, name, urn: `urn:${type}::${name}`, props, protect: false, ...extra });

describe("settingsOf", () => {
  const parentA = view("a", "tenantry:aws:Bucket");
  const parentB = view("b", "tenantry:aws:Bucket");
  const bucketA = view("a-bucket", "aws:s3/bucket:Bucket", { bucket: "a-0001" }, { parent: parentA });
  const bucketB = view("b-bucket", "aws:s3/bucket:Bucket", { bucket: "b-0001" }, { parent: parentB });
  const byDep = view("a-versioning", "s", { bucket: "b-0001" }, { propertyDependencies: { bucket: [bucketA] } });
  const byParent = view("a-block", "s", {}, { parent: parentA });
  const byName = view("loose", "s", { bucket: "a-0001" });
  const other = view("b-block", "s", { bucket: "b-0001" });
  const candidates = [other, byName, byParent, byDep];
  const name = (b: ResourceView) => b.props.bucket;

  it("relates by dependency first (then the name does not count), else by shared parent or by name, in the candidates' order", () => {
    expect(settingsOf(bucketA, candidates, "bucket", name).map((c) => c.name)).toEqual(["loose", "a-block", "a-versioning"]);
    expect(settingsOf(bucketB, candidates, "bucket", name).map((c) => c.name)).toEqual(["b-block"]);
    expect(settingsOf(view("c", "aws:s3/bucket:Bucket"), candidates, "bucket", name)).toEqual([]);
  });

  it("lists several types in the stack's order, the same list each time", () => {
    const of = byType(candidates);
    expect(of("s", "tenantry:aws:Bucket").map((c) => c.name)).toEqual(["b-block", "loose", "a-block", "a-versioning"]);
    expect(of("s", "tenantry:aws:Bucket")).toBe(of("s", "tenantry:aws:Bucket"));
  });
});
