import { describe, expect, it } from "vitest";
import { mapIfChanged } from "../../policies/copy-on-write.js";

describe("mapIfChanged", () => {
  it("returns the same array when no element changes", () => {
    const items = [1, "a", { b: 2 }];
    expect(mapIfChanged<unknown>(items, (v) => v)).toBe(items);
  });

  it("copies from the first changed element on, leaving the input alone", () => {
    const kept = { b: 2 };
    const items: unknown[] = [kept, 1, 2, 3];
    const out = mapIfChanged(items, (v) => (typeof v === "number" && v >= 2 ? v * 10 : v));
    expect(out).not.toBe(items);
    expect(out).toEqual([kept, 1, 20, 30]);
    expect(out[0]).toBe(kept);
    expect(items).toEqual([kept, 1, 2, 3]);
  });

  it("maps an empty array to itself", () => {
    const items: number[] = [];
    expect(mapIfChanged(items, (v) => v + 1)).toBe(items);
  });
});
