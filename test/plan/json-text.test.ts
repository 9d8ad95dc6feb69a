/** The plan's JSON text in pieces is byte for byte what JSON.stringify writes. */
import { describe, expect, it } from "vitest";
import { jsonTextChunks } from "../../plan/json-text.js";

describe("jsonTextChunks", () => {
  it("writes what JSON.stringify(value, null, 2) writes, large arrays a batch at a time", () => {
    const value = {
      schema: "x",
      empty: [],
      gone: undefined,
      nested: { a: [1, { b: "c\nd" }], when: new Date("2026-06-15T00:00:00Z") },
      resources: Array.from({ length: 7 }, (_, i) => ({ name: `r${i}`, inputs: { tags: { t: "\u00e9" }, list: [i, null] }, skipped: undefined })),
      last: null,
    };
    const chunks = [...jsonTextChunks(value, 3)];
    expect(chunks.join("")).toBe(JSON.stringify(value, null, 2));
    expect(chunks.length).toBeGreaterThan(3);
    expect([...jsonTextChunks({})].join("")).toBe("{}");
  });
});
