import { describe, expect, it } from "vitest";
import { isWebProduct, networkReach, type EntryPointNeed } from "../components/core/index.js";

describe("isWebProduct", () => {
  it("is true for AnyShare and AnyBackup, false for the ops server", () => {
    expect(isWebProduct("anyshare-cloud")).toBe(true);
    expect(isWebProduct("anybackup-cloud")).toBe(true);
    expect(isWebProduct("ops-server")).toBe(false);
  });
});

describe("networkReach: what a cloud's network takes from the blueprint", () => {
  const entryPoints = [{ product: "anyshare-cloud" }] as unknown as EntryPointNeed[];
  const hosts = [{ middleware: ["tomcat" as const] }, { middleware: ["tomcat" as const, "zookeeper" as const] }, { middleware: [] }];

  it("passes the entry points, maps the mode and gathers every host's middleware", () => {
    expect(networkReach({ entryPoints, hosts }, false)).toEqual({ entryPoints, entryMode: "load-balancer", middleware: ["tomcat", "tomcat", "zookeeper"] });
    expect(networkReach({ entryPoints, hosts }, true).entryMode).toBe("direct");
  });

  it("takes a retiring tenant's way out to the internet, and only a retiring tenant's", () => {
    expect(networkReach({ entryPoints, hosts, retired: true }, false).natStrategy).toBe("none");
    expect(networkReach({ entryPoints, hosts, retired: false }, false)).not.toHaveProperty("natStrategy");
  });
});
