import { defineConfig } from "vitest/config";

/** The package smoke test (test/package/): packs, installs per cloud, runs the bin and the examples. See scripts/test-node-versions.sh. */
export default defineConfig({
  test: {
    include: ["test/package/**/*.test.ts"],
    pool: "forks",
    testTimeout: 300_000,
    hookTimeout: 900_000,
  },
});
