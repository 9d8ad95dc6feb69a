/** The RAM policy evaluator used by the Alibaba Cloud isolation proof: RAM's documented decision logic. */
import { describe, expect, it } from "vitest";
import { evaluateRam, globMatch, type RamPolicy, type RamRequest } from "./helpers/ram-evaluator.js";

const ACCOUNT = "1111111111111111";
const request = (over: Partial<RamRequest> = {}): RamRequest => ({
  action: "oss:GetObject",
  resource: `acs:oss:cn-hangzhou:${ACCOUNT}:bucket-a/file`,
  resourceAccount: ACCOUNT,
  principal: `acs:ram::${ACCOUNT}:user/alice`,
  principalAccount: ACCOUNT,
  ...over,
});
const allow = (action: string | string[], resource: string | string[], Condition?: RamPolicy["Statement"][number]["Condition"]): RamPolicy => ({
  Version: "1",
  Statement: [{ Effect: "Allow", Action: action, Resource: resource, ...(Condition ? { Condition } : {}) }],
});

describe("the RAM evaluator", () => {
  it("matches * and ? wildcards, actions without regard to case", () => {
    expect(globMatch("acs:oss:*:*:bucket-a/*", `acs:oss:cn-hangzhou:${ACCOUNT}:bucket-a/x/y`)).toBe(true);
    expect(globMatch("acs:oss:*:*:bucket-a/*", `acs:oss:cn-hangzhou:${ACCOUNT}:bucket-ab/x`)).toBe(false);
    expect(globMatch("ecs:Describe?nstances", "ecs:DescribeInstances")).toBe(true);
    expect(evaluateRam([allow("OSS:getobject", "acs:oss:*:*:bucket-a/*")], undefined, request())).toBe("Allowed");
  });

  it("denies implicitly what nothing allows, and explicitly what any statement denies", () => {
    expect(evaluateRam([allow("oss:PutObject", "*")], undefined, request())).toBe("ImplicitlyDenied");
    const deny: RamPolicy = { Version: "1", Statement: [{ Effect: "Deny", Action: "oss:*", Resource: "*" }] };
    expect(evaluateRam([allow("oss:*", "*"), deny], undefined, request())).toBe("ExplicitlyDenied");
    // A resource policy's deny binds every principal it names.
    const bucketDeny: RamPolicy = { Version: "1", Statement: [{ Effect: "Deny", Principal: ["*"], Action: ["oss:*"], Resource: ["*"], Condition: { Bool: { "acs:SecureTransport": ["false"] } } }] };
    expect(evaluateRam([allow("oss:*", "*")], bucketDeny, request({ context: { "acs:SecureTransport": "false" } }))).toBe("ExplicitlyDenied");
    expect(evaluateRam([allow("oss:*", "*")], bucketDeny, request({ context: { "acs:SecureTransport": "true" } }))).toBe("Allowed");
  });

  it("evaluates String, Ip and Not conditions; a missing key fails all but the negated operators", () => {
    const tagged = allow("rds:*", "*", { StringEquals: { "acs:ResourceTag/tenant": ["a"] } });
    expect(evaluateRam([tagged], undefined, request({ action: "rds:DescribeDBInstanceAttribute", context: { "acs:ResourceTag/tenant": "a" } }))).toBe("Allowed");
    expect(evaluateRam([tagged], undefined, request({ action: "rds:DescribeDBInstanceAttribute", context: { "acs:ResourceTag/tenant": "b" } }))).toBe("ImplicitlyDenied");
    expect(evaluateRam([tagged], undefined, request({ action: "rds:DescribeDBInstanceAttribute" }))).toBe("ImplicitlyDenied");
    const fromOffice: RamPolicy = { Version: "1", Statement: [{ Effect: "Deny", Action: "oss:*", Resource: "*", Condition: { NotIpAddress: { "acs:SourceIp": ["198.51.100.0/24"] } } }] };
    const both = [allow("oss:*", "*"), fromOffice];
    expect(evaluateRam(both, undefined, request({ context: { "acs:SourceIp": "198.51.100.7" } }))).toBe("Allowed");
    expect(evaluateRam(both, undefined, request({ context: { "acs:SourceIp": "203.0.113.7" } }))).toBe("ExplicitlyDenied");
    expect(evaluateRam(both, undefined, request())).toBe("ExplicitlyDenied");
  });

  it("needs the resource policy's allow as well as the identity's across accounts", () => {
    const other = request({ resourceAccount: "2222222222222222", resource: "acs:oss:cn-hangzhou:2222222222222222:bucket-b/file" });
    expect(evaluateRam([allow("oss:*", "*")], undefined, other)).toBe("ImplicitlyDenied");
    const grant: RamPolicy = { Version: "1", Statement: [{ Effect: "Allow", Principal: [ACCOUNT], Action: ["oss:GetObject"], Resource: ["*"] }] };
    expect(evaluateRam([allow("oss:*", "*")], grant, other)).toBe("Allowed");
    expect(evaluateRam([], grant, other)).toBe("ImplicitlyDenied");
  });

  it("refuses an operator it does not know instead of guessing", () => {
    expect(() => evaluateRam([allow("oss:*", "*", { DateLessThan: { "acs:CurrentTime": ["2030-01-01T00:00:00Z"] } })], undefined, request())).toThrow(/DateLessThan/);
  });
});
