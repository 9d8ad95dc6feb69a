import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // The package smoke test runs under each supported Node (scripts/test-node-versions.sh, vitest.package.config.ts).
    exclude: ["test/package/**", "**/node_modules/**"],
    // Pulumi's mocks are process-global: each test file runs in its own fork.
    pool: "forks",
    // Some tests run the CLI in a child process (a few seconds each on a 2-core machine).
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
